import Foundation
import XCTest

/// Issue 25, item 1: the help of every command, as `retina-report <command> --help` prints it at
/// 80 columns (COLUMNS=80), reads cleanly: ArgumentParser wraps the text, nothing else breaks it.
///
/// The rules (`HelpTextLayout.problems`):
/// 1. *Width*: no line is wider than 80 characters.
/// 2. *Hard break inside a paragraph*: ArgumentParser wraps greedily — it ends a line early only when
///    the next word does not fit. So when a paragraph line and the line after it (same paragraph: both
///    flush left in the overview, or both hanging continuation lines of one option's help, at the same
///    indentation) are such that `line + " " + first word of the next line` is shorter than 80
///    characters, the break was typed into the source. This is how a source line break shows on a
///    terminal wider or narrower than the source: a long line, then a short fragment
///    ("report); 64 bad"), then the rest of the sentence.
///    Not paragraph lines, so never flagged: blank lines (paragraph breaks); lines of the overview that
///    start with a space (a deliberate list or table, one line per item); an option's first line (the
///    name column); a line ending in ":" (it introduces a list); the usage lines.
final class HelpTextTests: XCTestCase {
    static let width = 80

    /// Every command path of the tool (the root, each subcommand, recursively) from
    /// `--experimental-dump-help`, with the arguments each one declares.
    private func commands() throws -> [(path: [String], arguments: [[String: Any]])] {
        let dump = try help([], extra: ["--experimental-dump-help"])
        guard let json = try JSONSerialization.jsonObject(with: Data(dump.utf8)) as? [String: Any],
              let root = json["command"] as? [String: Any] else {
            XCTFail("--experimental-dump-help did not print a command tree: \(dump.prefix(200))")
            return []
        }
        var out: [(path: [String], arguments: [[String: Any]])] = []
        func walk(_ command: [String: Any], _ path: [String]) {
            out.append((path, command["arguments"] as? [[String: Any]] ?? []))
            for sub in command["subcommands"] as? [[String: Any]] ?? [] {
                guard let name = sub["commandName"] as? String, name != "help" else { continue }
                walk(sub, path + [name])
            }
        }
        walk(root, [])
        return out
    }

    /// The tool's standard output for `path + extra` at `COLUMNS=80`.
    private func help(_ path: [String], extra: [String] = ["--help"]) throws -> String {
        let process = Process()
        process.executableURL = try toolExecutable()
        process.arguments = path + extra
        var environment = ProcessInfo.processInfo.environment
        environment["COLUMNS"] = "\(Self.width)"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "retina-report \((path + extra).joined(separator: " "))")
        return String(decoding: data, as: UTF8.self)
    }

    func testEveryCommandsHelpReadsCleanlyAtEightyColumns() throws {
        let all = try commands()
        XCTAssertGreaterThanOrEqual(all.count, 12, "the root and its 11 subcommands: \(all.map(\.path))")
        for command in all {
            let name = (["retina-report"] + command.path).joined(separator: " ")
            let text = try help(command.path)
            XCTAssertTrue(text.contains("OVERVIEW:"), "\(name) --help: \(text.prefix(200))")
            let problems = HelpTextLayout.problems(text, width: Self.width)
            XCTAssertTrue(problems.isEmpty, "\(name) --help at \(Self.width) columns:\n" + problems.joined(separator: "\n"))
        }
    }

    /// The usage lines are written by hand where the generated one is wider than 80 columns: each
    /// must still name every option of its command (or, where it says `<options>`, every required one).
    func testHandWrittenUsageNamesEveryOption() throws {
        for command in try commands() where !command.path.isEmpty {
            let name = (["retina-report"] + command.path).joined(separator: " ")
            let text = try help(command.path)
            let usage = HelpTextLayout.usage(text)
            XCTAssertFalse(usage.isEmpty, "\(name): no USAGE block")
            for argument in command.arguments {
                guard argument["shouldDisplay"] as? Bool ?? true else { continue }
                let names = (argument["names"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
                guard !names.contains("help"), !names.contains("version") else { continue }
                let optional = argument["isOptional"] as? Bool ?? false
                if usage.contains("<options>") && optional { continue }
                let spellings: [String]
                switch argument["kind"] as? String {
                case "positional": spellings = [argument["valueName"] as? String].compactMap { $0 }.map { "<\($0)>" }
                default: spellings = names.map { $0.count == 1 ? "-\($0)" : "--\($0)" }
                }
                XCTAssertTrue(spellings.contains { usage.contains($0) }, "\(name): usage does not mention \(spellings):\n\(usage)")
            }
        }
    }

    /// The rules catch the example and pass ArgumentParser's own wrapping.
    func testRulesFlagHardBreaksButNotWrappingOrLists() {
        let ragged = """
        OVERVIEW: A tool.

        Exit codes: 0 success; 1 an analysis of `run` failed (error section in the
        report); 64 bad
        argument or parameter (before any work).

        USAGE: retina-report <subcommand>
        """
        XCTAssertEqual(HelpTextLayout.problems(ragged, width: 80).count, 1, "\(HelpTextLayout.problems(ragged, width: 80))")
        let clean = """
        OVERVIEW: A tool.

        Exit codes:
          0    success
          1    an analysis of `run` failed (error section in the report)
        Every parameter can be overridden: --parameters P.json (a JSON object with any
        subset of the resolved configuration, e.g. {"osr": {"periodsMs": [30, 50,
        70]}}) and --set key.path=value (e.g. --set
        reversal.speedsPixelsPerFrame=[0.14] --set
        analysis.reduction.selection.share=0.8).

        USAGE: retina-report run <options>

        OPTIONS:
          --cpus <cpus>           CPUs per task (the engine uses 2 threads). (default:
                                  2)
          --mem <mem>             Memory per task in GB.
        """
        XCTAssertEqual(HelpTextLayout.problems(clean, width: 80), [])
        let wide = "OVERVIEW: " + String(repeating: "x", count: 75)
        XCTAssertEqual(HelpTextLayout.problems(wide, width: 80).count, 1)
        let optionBreak = """
        OPTIONS:
          --mem <mem>             Memory per task
                                  in GB.
        """
        XCTAssertEqual(HelpTextLayout.problems(optionBreak, width: 80).count, 0, "an option's first line is not compared")
        let continuationBreak = """
        OPTIONS:
          --mem <mem>             Memory per task in GB, a long sentence that wraps once
                                  and then
                                  breaks by hand.
        """
        XCTAssertEqual(HelpTextLayout.problems(continuationBreak, width: 80).count, 1)
    }
}

/// The layout rules of ``HelpTextTests`` on one rendered help text.
enum HelpTextLayout {
    /// One message per offending line (1-based line numbers).
    static func problems(_ text: String, width: Int) -> [String] {
        let lines = text.components(separatedBy: "\n")
        var out: [String] = []
        for (i, line) in lines.enumerated() where line.count > width {
            out.append("line \(i + 1) is \(line.count) characters wide: \(line)")
        }
        enum Section { case overview, usage, entries }
        var section = Section.overview
        var previous: (line: String, paragraph: Bool)? = nil
        for (i, line) in lines.enumerated() {
            let indent = line.prefix { $0 == " " }.count
            if line.hasPrefix("USAGE:") { section = .usage }
            else if indent == 0, line.hasSuffix(":"), line == line.uppercased(), !line.isEmpty { section = .entries }
            else if section == .usage, line.isEmpty { section = .overview }
            // Paragraph lines: flush-left overview text; the hanging continuation lines of an entry.
            let paragraph: Bool
            switch section {
            case .overview: paragraph = !line.isEmpty && indent == 0
            case .entries: paragraph = !line.isEmpty && indent > 2
            case .usage: paragraph = false
            }
            if paragraph, let (above, abovePara) = previous, abovePara,
               above.prefix(while: { $0 == " " }).count == indent, !above.hasSuffix(":") {
                let word = line.dropFirst(indent).prefix { $0 != " " }
                if above.count + 1 + word.count < width {
                    out.append("line \(i + 1) is broken by hand: \"\(word)\" would fit on the line above "
                               + "(\(above.count) + 1 + \(word.count) < \(width)):\n  \(above)\n  \(line)")
                }
            }
            previous = (line, paragraph)
        }
        return out
    }

    /// The USAGE block (its first line and the hanging lines below it).
    static func usage(_ text: String) -> String {
        let lines = text.components(separatedBy: "\n")
        guard let start = lines.firstIndex(where: { $0.hasPrefix("USAGE:") }) else { return "" }
        var block = [lines[start]]
        for line in lines[(start + 1)...] {
            guard line.hasPrefix(" ") else { break }
            block.append(line)
        }
        return block.joined(separator: "\n")
    }
}
