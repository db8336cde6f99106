import ArgumentParser
import ArrayIO
import Foundation
import Recordings
import RetinaCNN
import Training

/// The recording options `train --data` and `slurm-script --data` share (`--data`, `--cells`,
/// `--crop`, `--response`, `--series`, `--responses`, `--pairing`), read and checked in one place so
/// that a script `slurm-script` prints is refused on the login node for exactly the reasons the
/// nodes' `train --data` would refuse it.
struct RecordingSelection {
    var data: String
    var cells: String?
    var crop: String?
    var response: String?
    var series: String?
    var responses: String?
    var pairing: ResponsePairing

    /// The recording read, `--cells` and `--crop` applied, and how the model cards name it.
    /// `warn` receives the reader's warnings.
    func read(warn: (String) -> Void) throws -> EnsembleTraining.RecordingMembers {
        let options = RecordingReader.Options(responseType: response, series: series, responses: responses)
        let selected = try cells.map { try Self.integers($0, option: "--cells") }
        let cropValues = try crop.map { try Self.integers($0, option: "--crop") }
        if let c = cropValues, c.count != 3 { throw ValidationError("--crop: expected y,x,size, found '\(crop!)'") }
        var recording = try RecordingReader.read(path: data, options: options)
        if let selected { recording = try recording.selecting(cells: selected) }
        if let c = cropValues { recording = try recording.cropped(y: c[0], x: c[1], size: c[2]) }
        for w in recording.provenance.warnings { warn(w) }
        var isFolder: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: data, isDirectory: &isFolder)
        let sha = isFolder.boolValue ? nil : try SHA256.hex(fileAt: URL(fileURLWithPath: data))
        return .init(recording: recording,
                     source: .init(fileName: URL(fileURLWithPath: data).lastPathComponent, sha256: sha, selectedCells: selected, crop: cropValues),
                     pairing: pairing)
    }

    /// A comma-separated list of decimal integers (an optional leading `-`, ASCII digits only; spaces
    /// around an entry are ignored). `+1`, `c+1`, `1e3`, `0x10`, empty entries and values outside
    /// `Int` are refused (64 naming the option): Swift's `Int("+1")` accepts the sign, and a value that
    /// does not fit must never reach arithmetic that would trap.
    static func integers(_ text: String, option: String) throws -> [Int] {
        let entries = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        var values: [Int] = []
        for entry in entries {
            let digits = entry.hasPrefix("-") ? entry.dropFirst() : Substring(entry)
            guard !digits.isEmpty, digits.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) else {
                throw ValidationError("\(option): expected comma-separated integers, found '\(text)' (entry '\(entry)')")
            }
            guard let value = Int(entry) else {
                throw ValidationError("\(option): '\(entry)' is outside the integer range (±\(Int.max))")
            }
            values.append(value)
        }
        return values
    }
}
