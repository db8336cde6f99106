/// Module `Training`: see README.md, "Architecture".
public enum TrainingModule {}
