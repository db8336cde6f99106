import Foundation
import Phenomena
import RetinaCore

/// The role a collaborator assigns to a pathway.
public enum PathwaySign: String, Codable, Sendable, CaseIterable {
    case excitatory, inhibitory, divisive
}

/// A pathway named by a channel (`c3`) or by a channel type (`ON slow` = every channel of that type).
public enum PathwaySelector: Codable, Sendable, Hashable, CustomStringConvertible {
    case channel(Int)
    case type(ChannelPolarity, ChannelSpeed)

    public var description: String {
        switch self {
        case .channel(let c): return "c\(c)"
        case let .type(p, s): return "\(p.rawValue) \(s.rawValue)"
        }
    }
}

/// One pathway of a hypothesis.
public struct HypothesisPathway: Codable, Sendable, Hashable, CustomStringConvertible {
    public var selector: PathwaySelector
    /// Nil = any sign.
    public var sign: PathwaySign?

    public init(selector: PathwaySelector, sign: PathwaySign? = nil) { self.selector = selector; self.sign = sign }

    public var description: String { selector.description + (sign.map { " \($0.rawValue)" } ?? "") }
}

/// A collaborator's hypothesis: these pathways carry this phenomenon.
public struct Hypothesis: Codable, Sendable, Equatable {
    /// A name for tables (default: the one-line form).
    public var name: String
    public var phenomenon: Phenomenon
    public var pathways: [HypothesisPathway]

    public init(name: String? = nil, phenomenon: Phenomenon, pathways: [HypothesisPathway]) {
        self.phenomenon = phenomenon; self.pathways = pathways
        self.name = name ?? Self.defaultName(phenomenon, pathways.map(\.description))
    }

    /// Throws ``HypothesisError/unsafeName(name:character:)`` (65) when `name` holds a control
    /// character (Unicode class Cc: NUL, ESC, newline, …) or a bidirectional formatting character.
    public static func checkName(_ name: String) throws {
        guard let bad = UnsafeText.firstUnsafeScalar(in: name) else { return }
        throw HypothesisError.unsafeName(name: name.debugDescription.unicodeScalars.map { UnsafeText.bidiControls.contains($0.value) ? "\\u{\(String($0.value, radix: 16, uppercase: true))}" : String($0) }.joined(),
                                         character: UnsafeText.codePoint(bad))
    }

    /// Most pathways of one hypothesis (the model has 8 channels; a pathway is a channel or a type).
    public static let maximumPathways = 64
    /// Longest name a hypothesis may be given, characters (it heads table rows and CSV cells).
    public static let maximumNameCharacters = 200

    /// The name a hypothesis gets without one: its one-line form.
    static func defaultName(_ phenomenon: Phenomenon, _ pathways: [String]) -> String {
        "\(phenomenon.rawValue): \(pathways.joined(separator: " + "))"
    }

    /// Throws ``HypothesisError/overLimit(source:hypothesis:field:expected:found:)`` (65, naming
    /// `source`) for more than ``maximumPathways`` pathways or a given name longer than
    /// ``maximumNameCharacters`` (a default name, the one-line form, is bounded by the pathways).
    public static func checkLimits(name: String?, pathwayCount: Int, source: String) throws {
        let shown = name.map { $0.count > 40 ? String($0.prefix(40)) + "…" : $0 } ?? "(unnamed)"
        if pathwayCount > maximumPathways {
            throw HypothesisError.overLimit(source: source, hypothesis: shown, field: "pathways",
                                            expected: "at most \(maximumPathways) entries", found: "\(pathwayCount)")
        }
        if let name, name.count > maximumNameCharacters {
            throw HypothesisError.overLimit(source: source, hypothesis: shown, field: "name",
                                            expected: "at most \(maximumNameCharacters) characters", found: "\(name.count)")
        }
    }

    /// ``checkLimits(name:pathwayCount:source:)`` for hypotheses already built (a `--parameters` file).
    public static func checkLimits(_ hypotheses: [Hypothesis], source: String) throws {
        for h in hypotheses {
            let isDefault = h.pathways.count <= maximumPathways && h.name == defaultName(h.phenomenon, h.pathways.map(\.description))
            try checkLimits(name: isDefault ? nil : h.name, pathwayCount: h.pathways.count, source: source)
        }
    }

    /// Throws ``HypothesisError/duplicateName(name:)`` (65) for the first name given twice, and
    /// ``checkName(_:)``'s error for an unsafe one.
    public static func checkNames(_ hypotheses: [Hypothesis]) throws {
        var seen = Set<String>()
        for h in hypotheses {
            try checkName(h.name)
            guard seen.insert(h.name).inserted else { throw HypothesisError.duplicateName(name: h.name) }
        }
    }

    /// The channels the hypothesis names, ascending: named channels plus every channel of a named
    /// type. Throws ``HypothesisError`` for a channel outside `0..<types.types.count` or a type no
    /// channel has.
    public func channels(in types: ChannelTypeTable) throws -> [Int] {
        var out = Set<Int>()
        for p in pathways {
            switch p.selector {
            case .channel(let c):
                guard (0..<types.types.count).contains(c) else {
                    throw HypothesisError.unknownChannel(hypothesis: name, channel: "c\(c)", available: types.types.count)
                }
                out.insert(c)
            case let .type(pol, speed):
                let matching = types.types.filter { $0.polarity == pol && $0.speed == speed }.map(\.channel)
                guard !matching.isEmpty else {
                    throw HypothesisError.noChannelOfType(hypothesis: name, type: p.selector.description,
                                                          types: types.types.map { "c\($0.channel) \($0.label)" })
                }
                out.formUnion(matching)
            }
        }
        return out.sorted()
    }
}

/// Hypotheses refused before any work (exit 64), each naming the hypothesis and the bad value.
public enum HypothesisError: ToolError, Equatable {
    case unknownPhenomenon(hypothesis: String, found: String)
    case unknownPathway(hypothesis: String, found: String)
    case unknownChannel(hypothesis: String, channel: String, available: Int)
    case noChannelOfType(hypothesis: String, type: String, types: [String])
    case emptyPathways(hypothesis: String)
    case emptySet(source: String)
    case malformed(source: String, message: String)
    /// A name with a control or bidirectional-formatting character (it would reach the report and
    /// the CSV raw: ESC sequences, a NUL, U+202E reversing the text). `name` is escaped.
    case unsafeName(name: String, character: String)
    /// Two hypotheses with the same name (tables and files are keyed by it).
    case duplicateName(name: String)
    /// A hypothesis over ``Hypothesis/maximumPathways`` pathways or with a name over
    /// ``Hypothesis/maximumNameCharacters`` characters (`hypothesis` is shortened).
    case overLimit(source: String, hypothesis: String, field: String, expected: String, found: String)

    public var exitCode: Int32 {
        switch self {
        case .unsafeName, .duplicateName, .overLimit: ExitStatus.dataError
        default: ExitStatus.usage
        }
    }

    public var description: String {
        let phenomena = Phenomenon.allCases.map(\.rawValue).joined(separator: ", ")
        switch self {
        case let .unknownPhenomenon(h, f):
            return "hypothesis '\(h)': unknown phenomenon '\(f)', expected one of \(phenomena)"
        case let .unknownPathway(h, f):
            return "hypothesis '\(h)': unknown pathway '\(f)', expected a channel 'c0'…'c7' or a type 'ON fast', 'ON slow', 'OFF fast', 'OFF slow', optionally followed by excitatory, inhibitory or divisive"
        case let .unknownChannel(h, c, n):
            return "hypothesis '\(h)': unknown channel \(c), the model has channels c0…c\(n - 1)"
        case let .noChannelOfType(h, t, types):
            return "hypothesis '\(h)': no channel of the model is typed '\(t)' (types: \(types.joined(separator: ", ")))"
        case let .emptyPathways(h):
            return "hypothesis '\(h)': no pathway given, expected e.g. 'osr: c2+c4'"
        case let .emptySet(source):
            return "\(source): no hypothesis given"
        case let .malformed(source, m):
            return "\(source): \(m)"
        case let .unsafeName(name, c):
            return "hypothesis \(name): its name holds \(c), a control or bidirectional-formatting character; use plain text"
        case let .duplicateName(name):
            return "hypothesis '\(name)' is given twice; every hypothesis needs its own name"
        case let .overLimit(source, h, field, expected, found):
            return "\(source): hypothesis '\(h)': '\(field)' must have \(expected), found \(found)"
        }
    }
}

/// Hypotheses to test, from a JSON file or one-line forms.
///
/// One-line form: `phenomenon: pathway + pathway + …`, e.g. `osr: c2+c4` or
/// `latency: OFF fast excitatory + OFF slow divisive`. A pathway is `cN` (a channel) or a type
/// (`ON fast`, `ON slow`, `OFF fast`, `OFF slow`; case, `-` and `_` ignored), optionally followed by
/// a sign word (`excitatory`/`exc`, `inhibitory`/`inh`, `divisive`/`div`). Phenomena: the registered ids
/// (`osr`, `latency`, `reversal`, `anticipation`, `adaptation`).
///
/// JSON file: `{"hypotheses": [{"name": "ON slow rebound", "phenomenon": "osr", "pathways":
/// ["ON slow", "c4 inhibitory"]}, …]}` (a top-level array of the same objects, or of one-line
/// strings, is accepted too; `name` is optional).
public struct HypothesisSet: Codable, Sendable, Equatable {
    public var hypotheses: [Hypothesis]

    public init(hypotheses: [Hypothesis]) { self.hypotheses = hypotheses }

    /// Parses one one-line hypothesis.
    public static func parse(line: String) throws -> Hypothesis {
        let text = line.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let colon = text.firstIndex(of: ":") else {
            throw HypothesisError.malformed(source: "hypothesis '\(text)'", message: "expected 'phenomenon: pathway + pathway', e.g. 'osr: c2+c4'")
        }
        let phenomenonText = text[..<colon].trimmingCharacters(in: .whitespaces)
        let pathways = text[text.index(after: colon)...].split(separator: "+").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        return try make(name: nil, phenomenon: phenomenonText, pathways: pathways, display: text, source: "--hypothesis")
    }

    /// Parses a JSON hypothesis file's bytes (`source` names it in errors).
    public static func parse(json data: Data, source: String) throws -> HypothesisSet {
        struct Entry: Decodable { var name: String?; var phenomenon: String; var pathways: [String] }
        struct File: Decodable { var hypotheses: [Entry] }
        enum Item: Decodable {
            case entry(Entry), line(String)
            init(from decoder: Decoder) throws {
                let c = try decoder.singleValueContainer()
                if let s = try? c.decode(String.self) { self = .line(s) } else { self = .entry(try c.decode(Entry.self)) }
            }
        }
        let items: [Item]
        do {
            if let file = try? JSONDecoder().decode(File.self, from: data) {
                items = file.hypotheses.map(Item.entry)
            } else {
                items = try JSONDecoder().decode([Item].self, from: data)
            }
        } catch {
            throw HypothesisError.malformed(source: source, message:
                "expected {\"hypotheses\": [{\"phenomenon\": \"osr\", \"pathways\": [\"ON slow\", \"c4\"]}]} or an array of such objects or of 'osr: c2+c4' strings (\(error))")
        }
        guard !items.isEmpty else { throw HypothesisError.emptySet(source: source) }
        let set = HypothesisSet(hypotheses: try items.map { item in
            switch item {
            case .line(let s):
                do { return try parse(line: s) } catch let HypothesisError.overLimit(_, h, field, expected, found) {
                    throw HypothesisError.overLimit(source: "hypotheses file '\(source)'", hypothesis: h, field: field, expected: expected, found: found)
                }
            case .entry(let e):
                return try make(name: e.name, phenomenon: e.phenomenon, pathways: e.pathways,
                                display: e.name ?? "\(e.phenomenon): \(e.pathways.joined(separator: " + "))", source: "hypotheses file '\(source)'")
            }
        })
        try Hypothesis.checkNames(set.hypotheses)
        return set
    }

    /// Reads and parses a JSON hypothesis file (66 when missing).
    public static func read(contentsOf url: URL) throws -> HypothesisSet {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw MissingHypothesisFile(path: url.path)
        }
        return try parse(json: data, source: url.path)
    }

    /// Checks every hypothesis against the model's channel types before any work.
    public func validate(channelTypes: ChannelTypeTable) throws {
        guard !hypotheses.isEmpty else { throw HypothesisError.emptySet(source: "hypotheses") }
        for h in hypotheses { _ = try h.channels(in: channelTypes) }
    }

    static func make(name: String?, phenomenon: String, pathways: [String], display: String, source: String) throws -> Hypothesis {
        try Hypothesis.checkLimits(name: name, pathwayCount: pathways.count, source: source)
        try Hypothesis.checkName(display)
        let key = phenomenon.trimmingCharacters(in: .whitespaces).lowercased()
        let p = Phenomenon(rawValue: key)
        guard p.kind != nil else {
            throw HypothesisError.unknownPhenomenon(hypothesis: display, found: phenomenon)
        }
        guard !pathways.isEmpty else { throw HypothesisError.emptyPathways(hypothesis: display) }
        return Hypothesis(name: name, phenomenon: p, pathways: try pathways.map { try pathway($0, display: display) })
    }

    /// `c3`, `ON slow`, `off-fast inhibitory`, `c2 div`.
    static func pathway(_ raw: String, display: String) throws -> HypothesisPathway {
        var words = raw.lowercased().replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
            .split(separator: " ").map(String.init)
        let signs: [String: PathwaySign] = ["excitatory": .excitatory, "exc": .excitatory, "inhibitory": .inhibitory,
                                            "inh": .inhibitory, "divisive": .divisive, "div": .divisive]
        var sign: PathwaySign?
        if let last = words.last, let s = signs[last] { sign = s; words.removeLast() }
        if words.count == 1, words[0].first == "c", words[0].count > 1, words[0].dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }),
           let c = Int(words[0].dropFirst()) {  // digits only: Int("+1") would read 'c+1' as c1
            return HypothesisPathway(selector: .channel(c), sign: sign)
        }
        if words.count == 2, let pol = ChannelPolarity(rawValue: words[0].uppercased()), let speed = ChannelSpeed(rawValue: words[1]) {
            return HypothesisPathway(selector: .type(pol, speed), sign: sign)
        }
        throw HypothesisError.unknownPathway(hypothesis: display, found: raw)
    }
}

/// A hypothesis file that does not exist (exit 66).
public struct MissingHypothesisFile: ToolError, Equatable {
    public var path: String
    public var exitCode: Int32 { ExitStatus.noInput }
    public var description: String { "hypothesis file \(path) does not exist or cannot be read" }
}

extension HypothesisPathway {
    /// Coded as its one-line form (`"c3 inhibitory"`, `"ON slow"`), as a collaborator writes it.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = try HypothesisSet.pathway(text, display: text)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
