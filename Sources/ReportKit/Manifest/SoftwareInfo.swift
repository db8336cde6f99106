/// The software that produced a run, as recorded in the manifest.
public struct SoftwareInfo: Hashable, Codable, Sendable {
    public var toolName: String
    /// Semantic version (`RetinaCore.ToolVersion.current`).
    public var toolVersion: String
    /// Full commit hash of the source checkout, or `"unknown"`.
    public var gitCommit: String
    /// `true` when the checkout had uncommitted changes to tracked files; `nil` when unknown.
    public var gitDirty: Bool?
    /// `debug` or `release`.
    public var buildConfiguration: String
    /// Compiler version the tool was built with (`6.3`), from compile-time checks.
    public var swiftVersion: String
    /// Cairo runtime version (`1.16.0`), or `"unknown"`.
    public var cairoVersion: String
    /// Operating system (`Debian GNU/Linux 12 (bookworm); Linux 6.1.0`).
    public var operatingSystem: String
    /// CPU architecture (`x86_64`, `arm64`).
    public var cpuArchitecture: String
    /// The BLAS library, its kernel family and how that was chosen (`RetinaCNN.BLASCoreType`), e.g.
    /// `OpenBLAS 0.3.21, Haswell kernels (detected by OpenBLAS)`; nil when not recorded (older manifests).
    public var blas: String?

    public init(toolName: String, toolVersion: String, gitCommit: String, gitDirty: Bool?,
                buildConfiguration: String, swiftVersion: String, cairoVersion: String,
                operatingSystem: String, cpuArchitecture: String, blas: String? = nil) {
        self.toolName = toolName
        self.toolVersion = toolVersion
        self.gitCommit = gitCommit
        self.gitDirty = gitDirty
        self.buildConfiguration = buildConfiguration
        self.swiftVersion = swiftVersion
        self.cairoVersion = cairoVersion
        self.operatingSystem = operatingSystem
        self.cpuArchitecture = cpuArchitecture
        self.blas = blas
    }
}
