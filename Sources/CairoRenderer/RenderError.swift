import RetinaCore

/// Why a figure could not be rendered or written. Layout/data problems are ``Plotting/FigureError``s
/// (thrown by validation before anything is drawn); these are backend and file-system failures.
public enum RenderError: ToolError, Equatable {
    /// The target folder does not exist or the temporary file cannot be created there.
    case cannotCreate(path: String, reason: String)
    /// Writing or renaming the file failed.
    case writeFailed(path: String, reason: String)
    /// Cairo reported an error status.
    case cairo(stage: String, status: String)
    /// The raster would be too large (pixels per side).
    case rasterTooLarge(width: Int, height: Int, maximum: Int)
    /// The PNG resolution is not a finite positive number.
    case invalidResolution(dpi: Double)

    public var exitCode: Int32 {
        switch self {
        case .cannotCreate: return ExitStatus.cannotCreate
        case .writeFailed: return ExitStatus.ioError
        case .cairo: return ExitStatus.software
        case .rasterTooLarge, .invalidResolution: return ExitStatus.usage
        }
    }

    public var description: String {
        switch self {
        case let .cannotCreate(path, reason):
            return "cannot create figure file '\(path)': \(reason)"
        case let .writeFailed(path, reason):
            return "cannot write figure file '\(path)': \(reason)"
        case let .cairo(stage, status):
            return "cairo failed while \(stage): \(status)"
        case let .rasterTooLarge(width, height, maximum):
            return "PNG would be \(width)×\(height) pixels; at most \(maximum) per side is supported (lower the dpi or the size)"
        case let .invalidResolution(dpi):
            return "PNG resolution must be a finite number of dots per inch > 0; found \(dpi)"
        }
    }
}
