/// Module `CairoRenderer`: see README.md, "Architecture".
public enum CairoRendererModule {}
