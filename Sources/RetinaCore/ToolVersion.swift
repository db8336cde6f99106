/// The tool's semantic version, recorded in every model file and run manifest.
public enum ToolVersion {
    public static let current = "0.1.0"
    public static let name = "retina-report"
}
