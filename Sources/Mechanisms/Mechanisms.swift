/// Module `Mechanisms`: see README.md, "Architecture".
public enum MechanismsModule {}
