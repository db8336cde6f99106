/// Module `Figures`: see README.md, "Architecture".
public enum FiguresModule {}
