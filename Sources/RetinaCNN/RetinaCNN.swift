/// Module `RetinaCNN`: see README.md, "Architecture".
public enum RetinaCNNModule {}
