/// Module `Phenomena`: see README.md, "Architecture".
public enum PhenomenaModule {}
