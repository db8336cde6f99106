/// Module `ArrayIO`: see README.md, "Architecture".
public enum ArrayIOModule {}
