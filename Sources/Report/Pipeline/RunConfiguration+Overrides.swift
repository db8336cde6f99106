import Foundation
import ReportKit

extension RunConfiguration {
    /// Applies a JSON parameters file: an object whose keys are a subset of the configuration's
    /// (nested objects merge key by key, so `{"osr": {"periodsMs": [30, 50]}}` changes only the periods).
    public func merging(parametersFile url: URL) throws -> RunConfiguration {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw RunPipelineError.unreadableParameters(path: url.path, reason: "the file does not exist")
        }
        guard !isDirectory.boolValue, let data = try? Data(contentsOf: url) else {
            throw RunPipelineError.unreadableParameters(path: url.path, reason: "cannot read the file (a folder or not readable)")
        }
        guard let patch = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw RunPipelineError.malformedParameters(path: url.path, reason: "expected a JSON object")
        }
        return try merging(patch, source: url.path)
    }

    /// Applies one `key.path=value` override; `value` is JSON (`[30,50]`, `0.19`, `true`) or, if it
    /// does not parse as JSON, a string.
    public func setting(_ assignment: String) throws -> RunConfiguration {
        guard let eq = assignment.firstIndex(of: "=") else {
            throw RunPipelineError.invalidParameter(name: "--set", expected: "key.path=value", found: assignment)
        }
        let path = assignment[..<eq].split(separator: ".").map(String.init)
        let text = String(assignment[assignment.index(after: eq)...])
        guard !path.isEmpty else {
            throw RunPipelineError.invalidParameter(name: "--set", expected: "key.path=value", found: assignment)
        }
        let value: Any = (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) ?? text
        var patch: Any = value
        for key in path.reversed() { patch = [key: patch] }
        return try merging(patch as! [String: Any], source: "--set \(assignment)", key: path.joined(separator: "."))
    }

    /// `key`: the parameter named in errors whose coding path is empty (a value JSON cannot carry).
    private func merging(_ patch: [String: Any], source: String, key: String? = nil) throws -> RunConfiguration {
        let encoder = JSONEncoder()
        let base = try JSONSerialization.jsonObject(with: encoder.encode(self)) as! [String: Any]
        let merged = try Self.merge(base, patch, path: [], source: source)
        do {
            let data = try JSONSerialization.data(withJSONObject: merged)
            return try JSONDecoder().decode(RunConfiguration.self, from: data)
        } catch let DecodingError.typeMismatch(type, context) {
            throw RunPipelineError.invalidParameter(
                name: Self.path(context.codingPath), expected: "a value of type \(type)", found: "\(source)")
        } catch let DecodingError.dataCorrupted(context) where !context.codingPath.isEmpty {
            throw RunPipelineError.invalidParameter(name: Self.path(context.codingPath), expected: context.debugDescription, found: source)
        } catch let DecodingError.keyNotFound(missing, context) {
            throw RunPipelineError.invalidParameter(name: Self.path(context.codingPath + [missing]), expected: "a value",
                                                    found: "none after \(source)")
        } catch DecodingError.dataCorrupted {
            throw RunPipelineError.invalidParameter(name: key ?? source, expected: "a value of the parameter's type and range",
                                                    found: "\(source) (not representable)")
        } catch {
            throw RunPipelineError.invalidParameter(name: source, expected: "a valid parameter value", found: "\(error)")
        }
    }

    private static func merge(_ base: [String: Any], _ patch: [String: Any], path: [String], source: String) throws -> [String: Any] {
        var out = base
        for (key, value) in patch {
            let here = path + [key]
            guard let existing = base[key] else {
                // Optional fields that are nil are absent from the encoding; accept known optional keys.
                if optionalKeys.contains(here.joined(separator: ".")) { out[key] = value; continue }
                throw RunPipelineError.invalidParameter(
                    name: here.joined(separator: "."), expected: "one of: " + base.keys.sorted().joined(separator: ", "),
                    found: "unknown key in \(source)")
            }
            if let sub = existing as? [String: Any], let patchSub = value as? [String: Any],
               sub.count == 1, patchSub.count == 1, sub.keys.first != patchSub.keys.first {
                // A one-key object is an enum case with its value (`selection: {"share": 0.9}`): another
                // case replaces it (`selection={"topK": 3}`); a misspelt case fails when decoded, naming the cases.
                out[key] = patchSub
            } else if let sub = existing as? [String: Any], let patchSub = value as? [String: Any] {
                out[key] = try merge(sub, patchSub, path: here, source: source)
            } else {
                out[key] = value
            }
        }
        return out
    }

    /// The `--set` and `--parameters` examples the documentation shows (README, `run --help`); a test
    /// applies each, so a documented example cannot name an unknown key.
    public static let documentedSetExamples = [
        "reversal.reversalOffsetsPixels=[-4,0,4]",
        "reversal.speedsPixelsPerFrame=[0.14]",
        "analysis.reduction.selection.share=0.8",
        "analysis.reduction.selection={\"topK\":3}",
        "analysis.integratedGradients.steps=64",
        "analysis.integratedGradients.quadrature=gaussLegendre",
        "analysis.traceSmoothingSigmaMs=20",
        "osr.periodsMs=[30,50,70]",
        "adaptation.cycles=8",
    ]
    public static let documentedParametersExample = #"{"osr": {"periodsMs": [30, 50, 70]}}"#

    /// Optional configuration keys that may be absent from the encoded defaults.
    static let optionalKeys: Set<String> = [
        "runID", "ensemble", "analysis.cells", "analysis.reduction.conditionWeighting", "analysis.reduction.divisiveGains",
        "analysis.kernelMatchMinimumCorrelation", "causal.includeSingles",
    ]

    private static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
}
