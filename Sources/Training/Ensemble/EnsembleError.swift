import RetinaCore

/// Errors of ensemble directories, ensemble training and job scripts. Every message names the file,
/// option or environment variable and the expected versus the found value.
///
/// Exit codes: 66 when the ensemble directory does not exist or is not a folder; 64 (bad input,
/// refused before any work) for everything else — an ensemble whose members cannot be averaged is
/// a wrong argument, not a corrupt file (a corrupt member file keeps its own 65 from the reader).
public enum EnsembleError: ToolError, Equatable {
    /// The directory does not exist or is not a folder.
    case notADirectory(path: String)
    /// No `member-<seed>.safetensors` in the directory (or no model given).
    case noMembers(directory: String)
    /// A `member-…` file whose name is not `member-<seed>.safetensors` with a decimal seed.
    case badMemberName(path: String)
    /// A member differs from the first member in `property` (architecture, cells, input
    /// normalisation, response pairing, recipe, data source, model card).
    case memberMismatch(path: String, property: String, expected: String, found: String, reference: String)
    /// Two member files carry the same seed (or the same weights).
    case duplicateMember(seed: String, paths: [String])
    /// The seed in the file name differs from the seed in the member's model card.
    case seedMismatch(path: String, nameSeed: UInt64, cardSeed: UInt64)
    /// A member that is not finished: a training checkpoint or a partial file without the model.
    case incompleteMember(path: String, evidence: String, howToFinish: String)
    /// `ensemble.json` lists a seed whose member file is missing.
    case missingMember(path: String, manifest: String)
    /// A member file whose seed `ensemble.json` does not list.
    case unlistedMember(path: String, manifest: String, listed: String)
    /// `ensemble.json` describes another ensemble than the one being trained.
    case manifestMismatch(path: String, field: String, expected: String, found: String)
    /// A finished member trained with another recipe than the one requested (not replaced without --overwrite).
    case existingMemberDiffers(path: String, reason: String)
    /// A training checkpoint that would be ignored (neither --resume nor --overwrite).
    case unusedCheckpoint(path: String)
    /// A seed list, seed variable or job-script option that cannot be used.
    case invalidOption(option: String, expected: String, found: String)

    public var exitCode: Int32 {
        switch self {
        case .notADirectory: ExitStatus.noInput
        default: ExitStatus.usage
        }
    }

    public var description: String {
        switch self {
        case let .notADirectory(path):
            "ensemble '\(path)': not a folder (expected a folder of member-<seed>.safetensors files)"
        case let .noMembers(directory):
            "ensemble '\(directory)': no members (expected at least one member-<seed>.safetensors)"
        case let .badMemberName(path):
            "ensemble member '\(path)': the name must be member-<seed>.safetensors with a decimal seed"
        case let .memberMismatch(path, property, expected, found, reference):
            "ensemble member '\(path)': \(property) differs from '\(reference)': expected \(expected), found \(found)"
        case let .duplicateMember(seed, paths):
            "ensemble: seed \(seed) appears more than once: \(paths.map { "'\($0)'" }.joined(separator: ", "))"
        case let .seedMismatch(path, nameSeed, cardSeed):
            "ensemble member '\(path)': the file name says seed \(nameSeed), its model card says seed \(cardSeed)"
        case let .incompleteMember(path, evidence, howToFinish):
            "ensemble member '\(path)' is not finished: \(evidence); \(howToFinish)"
        case let .missingMember(path, manifest):
            "ensemble member '\(path)' is missing (listed in '\(manifest)'); train it, or remove its seed from the list"
        case let .unlistedMember(path, manifest, listed):
            "ensemble member '\(path)' is not listed in '\(manifest)' (seeds \(listed))"
        case let .manifestMismatch(path, field, expected, found):
            "'\(path)' describes another ensemble: \(field) expected \(expected), found \(found); use another --output-dir, or --overwrite"
        case let .existingMemberDiffers(path, reason):
            "'\(path)' already exists and \(reason); it is not replaced without --overwrite"
        case let .unusedCheckpoint(path):
            "'\(path)' is a training checkpoint of an unfinished member; continue it with --resume, or start over with --overwrite"
        case let .invalidOption(option, expected, found):
            "\(option): expected \(expected), found \(found)"
        }
    }
}
