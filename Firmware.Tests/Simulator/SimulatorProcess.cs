using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace PosTerminal.Firmware.Tests.Simulator
{
    /// <summary>
    /// Runs the built virtual terminal (PosTerminal.Simulator.dll, copied next to the tests) as
    /// a process, the way a person runs it: exit code, standard output and standard error.
    /// HOME and the working folder are a fresh folder, so the default flash file is never the user's.
    /// </summary>
    public sealed class SimulatorProcess : IDisposable
    {
        public SimulatorProcess()
        {
            Folder = Path.Combine(Path.GetTempPath(), "vt-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Folder);
        }

        /// <summary>The process's HOME and working folder.</summary>
        public string Folder { get; }

        /// <summary>Variables set for the process besides HOME (e.g. POSTERM_BROKER_PASSWORD).</summary>
        public Dictionary<string, string> Environment { get; } = new Dictionary<string, string>();

        public static string Dll { get { return Path.Combine(AppContext.BaseDirectory, "PosTerminal.Simulator.dll"); } }

        public Result Run(string stdin, params string[] args)
        {
            using (Process process = Start(args))
            {
                process.StandardInput.Write(stdin ?? "");
                process.StandardInput.Close();
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                if (!process.WaitForExit(60_000))
                {
                    process.Kill(true);
                    throw new TimeoutException("the simulator did not exit: " + string.Join(" ", args));
                }
                return new Result(process.ExitCode, stdout.Result, stderr.Result);
            }
        }

        /// <summary>Starts the simulator with redirected streams; the caller stops it.</summary>
        public Process Start(params string[] args)
        {
            var info = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = Folder,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.ArgumentList.Add(Dll);
            foreach (string arg in args) info.ArgumentList.Add(arg);
            info.Environment["HOME"] = Folder;
            info.Environment["XDG_DATA_HOME"] = Path.Combine(Folder, ".local", "share");
            info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            foreach (KeyValuePair<string, string> variable in Environment) info.Environment[variable.Key] = variable.Value;
            return Process.Start(info);
        }

        /// <summary>Every file under the folder, with its bytes (to prove a run changed nothing).</summary>
        public Dictionary<string, string> Files()
        {
            var files = new Dictionary<string, string>();
            foreach (string path in Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories))
                files[Path.GetRelativePath(Folder, path)] = Convert.ToHexString(File.ReadAllBytes(path));
            return files;
        }

        public string PathOf(string name)
        {
            return Path.Combine(Folder, name);
        }

        public void Dispose()
        {
            try
            {
                foreach (string path in Directory.EnumerateFileSystemEntries(Folder, "*", SearchOption.AllDirectories))
                {
                    if (File.Exists(path) && !OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }
                Directory.Delete(Folder, true);
            }
            catch (IOException)
            {
            }
        }

        public sealed class Result
        {
            public Result(int code, string output, string error)
            {
                Code = code;
                Output = output;
                Error = error;
            }

            public int Code { get; }
            public string Output { get; }
            public string Error { get; }

            public override string ToString()
            {
                return "exit " + Code + "\nstdout:\n" + Output + "\nstderr:\n" + Error;
            }
        }
    }
}
