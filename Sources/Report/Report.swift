/// Module `Report`: see README.md, "Architecture".
public enum ReportModule {}
