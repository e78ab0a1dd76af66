using Microsoft.VisualStudio.TestTools.UnitTesting;

// Tests share no mutable state; classes may run side by side on the 2 cores.
[assembly: Parallelize(Workers = 0, Scope = ExecutionScope.ClassLevel)]
