import RetinaCore

/// Errors of the recording readers. Every message names the file, the dataset path inside it (when
/// there is one), what was expected and what was found.
///
/// Exit codes: 66 for a missing or unopenable file, 65 for malformed content, 64 for a bad option
/// (cells, crop), 73/74 when an export cannot be created or written.
public enum RecordingError: ToolError, Equatable {
    /// The file does not exist or the library cannot open it.
    case cannotOpen(path: String, reason: String)
    /// The file's format cannot be recognised from its name or content.
    case unknownFormat(path: String, reason: String)
    /// A group or dataset the layout requires is absent.
    case missing(path: String, dataset: String, expected: String)
    /// A dataset has the wrong rank, size or type.
    case badShape(path: String, dataset: String, expected: String, found: String)
    /// A responses array whose cells × time orientation cannot be decided from the stimulus length.
    case ambiguousOrientation(path: String, dataset: String, shape: [Int], stimulusFrames: Int)
    /// Stimulus and responses disagree in length by more than one bin.
    case lengthMismatch(path: String, dataset: String, stimulusFrames: Int, responseBins: Int)
    /// NaN or ±Infinity in a dataset.
    case nonFinite(path: String, dataset: String, index: Int)
    /// Spike times that lie outside the stimulus presentation (e.g. seconds vs milliseconds).
    case spikesOutsideStimulus(path: String, dataset: String, unit: String, found: String, stimulusSeconds: String)
    /// A unit without any spike.
    case emptyUnit(path: String, dataset: String, unit: String)
    /// Frames of the wrong size (train vs test, or smaller than a crop).
    case wrongFrameSize(path: String, dataset: String, expected: String, found: String)
    /// A bad option for selecting data (`--cells`, `--crop`, `--response`).
    case invalidSelection(option: String, expected: String, found: String)
    /// A dataset declares more data than the file stores (an unallocated or truncated dataset): its
    /// size cannot be trusted, and reading it would allocate the declared size.
    case declaredSizeNotStored(path: String, dataset: String, declared: String, stored: String)
    /// A count the file declares is over the readers' work budget (``RecordingLimits``), or a
    /// number cannot be converted (NaN, out of range): `quantity` names what, `limit` the bound.
    case overLimit(path: String, dataset: String, quantity: String, limit: String, found: String)
    /// The HDF5 library reported an error.
    case library(path: String, dataset: String, call: String)
    /// Writing an export failed.
    case cannotWrite(path: String, reason: String)

    public var exitCode: Int32 {
        switch self {
        case .cannotOpen: ExitStatus.noInput
        case .invalidSelection: ExitStatus.usage
        case .cannotWrite: ExitStatus.cannotCreate
        default: ExitStatus.dataError
        }
    }

    /// The message, with any control or bidi character (from a dataset or series name in the file)
    /// escaped, so an error cannot move the terminal's cursor or reverse its text.
    public var description: String { RecordingSummary.printable(rawDescription) }

    private var rawDescription: String {
        switch self {
        case let .cannotOpen(path, reason):
            "cannot open recording '\(path)': \(reason)"
        case let .unknownFormat(path, reason):
            "recording '\(path)': unknown format: \(reason)"
        case let .missing(path, dataset, expected):
            "recording '\(path)': '\(dataset)' is missing (expected \(expected))"
        case let .badShape(path, dataset, expected, found):
            "recording '\(path)': '\(dataset)' must be \(expected), found \(found)"
        case let .ambiguousOrientation(path, dataset, shape, frames):
            "recording '\(path)': '\(dataset)' has shape \(shape) and the stimulus has \(frames) frames: cannot tell cells × time from time × cells"
        case let .lengthMismatch(path, dataset, frames, bins):
            "recording '\(path)': '\(dataset)' has \(bins) time bins but the stimulus has \(frames) frames (only a difference of one bin is trimmed)"
        case let .nonFinite(path, dataset, index):
            "recording '\(path)': '\(dataset)' holds NaN or Infinity at flat index \(index)"
        case let .spikesOutsideStimulus(path, dataset, unit, found, stimulus):
            "recording '\(path)': '\(dataset)' unit \(unit): every spike lies outside the stimulus (spikes \(found), stimulus \(stimulus)); are the times in seconds on the stimulus clock?"
        case let .emptyUnit(path, dataset, unit):
            "recording '\(path)': '\(dataset)' unit \(unit) has no spikes"
        case let .wrongFrameSize(path, dataset, expected, found):
            "recording '\(path)': '\(dataset)' frames must be \(expected), found \(found)"
        case let .invalidSelection(option, expected, found):
            "\(option): expected \(expected), found \(found)"
        case let .declaredSizeNotStored(path, dataset, declared, stored):
            "recording '\(path)': '\(dataset)' declares \(declared) but stores \(stored): an unallocated or truncated dataset cannot be read"
        case let .overLimit(path, dataset, quantity, limit, found):
            "recording '\(path)': '\(dataset)': \(quantity) must be \(limit), found \(found)"
        case let .library(path, dataset, call):
            "recording '\(path)': the HDF5 library failed in \(call) on '\(dataset)'"
        case let .cannotWrite(path, reason):
            "cannot write '\(path)': \(reason)"
        }
    }
}
