using System.Collections.Generic;

namespace PosTerminal.Tools.Guides
{
    /// <summary>A key of the legend: its script name and what it does, in both languages.</summary>
    public sealed class KeyRow
    {
        public KeyRow(string key, Bilingual meaning)
        {
            Key = key;
            Meaning = meaning;
        }

        public string Key { get; }
        public Bilingual Meaning { get; }
    }

    /// <summary>
    /// What the guides say around the tasks (tools/guides/guide.txt): the title, the intro
    /// paragraphs, and the key legend ("key: NAME | 中文 | English").
    /// </summary>
    public sealed class GuideFrame
    {
        public Bilingual Title { get; private set; }
        public List<Bilingual> Intro { get; } = new List<Bilingual>();
        public List<KeyRow> Keys { get; } = new List<KeyRow>();

        public static GuideFrame Parse(string text, string file)
        {
            var frame = new GuideFrame();
            string titleZh = null, introZh = null;
            foreach (TaskLine line in TaskText.Read(text, file))
            {
                string where = file + " line " + line.Number + ": ";
                switch (line.Name)
                {
                    case "title.zh": titleZh = line.Value; break;
                    case "title.en":
                        if (titleZh == null) throw new GuideException(where + "title.en follows title.zh");
                        frame.Title = new Bilingual(titleZh, line.Value);
                        break;
                    case "intro.zh": introZh = line.Value; break;
                    case "intro.en":
                        if (introZh == null) throw new GuideException(where + "each intro.en follows its intro.zh");
                        frame.Intro.Add(new Bilingual(introZh, line.Value));
                        introZh = null;
                        break;
                    case "key":
                        string[] parts = line.Value.Split('|');
                        if (parts.Length != 3) throw new GuideException(where + "'key' needs NAME | 中文 | English");
                        frame.Keys.Add(new KeyRow(parts[0].Trim(), new Bilingual(parts[1].Trim(), parts[2].Trim())));
                        break;
                    default:
                        throw new GuideException(where + "unknown name '" + line.Name + "'");
                }
            }
            if (frame.Title == null) throw new GuideException(file + ": needs title.zh and title.en");
            if (introZh != null) throw new GuideException(file + ": the last intro.zh has no intro.en");
            return frame;
        }
    }
}
