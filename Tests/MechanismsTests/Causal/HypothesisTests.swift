import Foundation
import XCTest
import Phenomena
@testable import Mechanisms

final class HypothesisParsingTests: XCTestCase {
    /// c0–c3: ON fast, ON slow, OFF fast, OFF fast.
    func types() throws -> ChannelTypeTable {
        let g = Conv1Geometry(channels: 4, history: 10, kernel: 1, screenHeight: 2, screenWidth: 2)
        var w = [Float](repeating: 0, count: 40)
        for (c, (lag, sign)) in [(1, 1.0), (6, 1.0), (1, -1.0), (2, -1.0)].enumerated() { w[c * 10 + 9 - lag] = Float(sign) }
        return try ChannelTyping.classify(weights: w, geometry: g)
    }

    func testOneLineForms() throws {
        let h = try HypothesisSet.parse(line: "osr: c2+c4")
        XCTAssertEqual(h.phenomenon, .osr)
        XCTAssertEqual(h.pathways, [HypothesisPathway(selector: .channel(2)), HypothesisPathway(selector: .channel(4))])
        let l = try HypothesisSet.parse(line: " Latency : OFF fast excitatory + on-slow div ")
        XCTAssertEqual(l.phenomenon, .latency)
        XCTAssertEqual(l.pathways, [HypothesisPathway(selector: .type(.off, .fast), sign: .excitatory),
                                    HypothesisPathway(selector: .type(.on, .slow), sign: .divisive)])
        let t = try types()
        XCTAssertEqual(try HypothesisSet.parse(line: "reversal: OFF fast + c1").channels(in: t), [1, 2, 3])
    }

    func testJSONFile() throws {
        let json = #"{"hypotheses": [{"name": "rebound", "phenomenon": "osr", "pathways": ["ON slow", "c2 inhibitory"]}]}"#
        let set = try HypothesisSet.parse(json: Data(json.utf8), source: "H.json")
        XCTAssertEqual(set.hypotheses.map(\.name), ["rebound"])
        XCTAssertEqual(set.hypotheses[0].pathways[1], HypothesisPathway(selector: .channel(2), sign: .inhibitory))
        let lines = try HypothesisSet.parse(json: Data(#"["osr: c1", "anticipation: c0 + c3"]"#.utf8), source: "H.json")
        XCTAssertEqual(lines.hypotheses.map(\.phenomenon), [.osr, .anticipation])
        XCTAssertNoThrow(try lines.validate(channelTypes: try types()))
    }

    /// Bad phenomenon, unknown channel, empty set: refused before work, exit 64, naming the value.
    func testErrorsNameTheProblem() throws {
        let t = try types()
        func expect(_ body: () throws -> Void, _ fragment: String, line: UInt = #line) {
            XCTAssertThrowsError(try body(), line: line) { e in
                XCTAssertEqual((e as? HypothesisError)?.exitCode, 64, line: line)
                XCTAssertTrue("\(e)".contains(fragment), "\(e)", line: line)
            }
        }
        expect({ _ = try HypothesisSet.parse(line: "osc: c2") }, "unknown phenomenon 'osc'")
        expect({ _ = try HypothesisSet.parse(line: "osr: c2 + ON medium") }, "unknown pathway 'ON medium'")
        expect({ _ = try HypothesisSet.parse(line: "osr:") }, "no pathway")
        expect({ _ = try HypothesisSet.parse(line: "osr c2") }, "expected 'phenomenon: pathway")
        expect({ _ = try HypothesisSet.parse(line: "osr: c9").channels(in: t) }, "unknown channel c9")
        expect({ _ = try HypothesisSet.parse(line: "osr: OFF slow").channels(in: t) }, "no channel of the model is typed 'OFF slow'")
        expect({ _ = try HypothesisSet.parse(json: Data(#"{"hypotheses": []}"#.utf8), source: "H.json") }, "H.json: no hypothesis given")
        expect({ _ = try HypothesisSet.parse(json: Data(#"[{"phenomenon": "motion", "pathways": ["c1"]}]"#.utf8), source: "H.json") },
               "unknown phenomenon 'motion'")
        expect({ _ = try HypothesisSet.parse(json: Data("not json".utf8), source: "H.json") }, "H.json: expected")
        expect({ try HypothesisSet(hypotheses: [try HypothesisSet.parse(line: "osr: c1"), try HypothesisSet.parse(line: "latency: c7")])
            .validate(channelTypes: t) }, "hypothesis 'latency: c7': unknown channel c7")
    }

    /// Issue #23: names with control or bidi characters reached the report and the CSV raw, and two
    /// hypotheses could share a name; both are refused (65) naming the hypothesis. `c+1` is no channel.
    func testUnsafeAndDuplicateNamesAreRefused() throws {
        for name in ["a\u{0}b", "bold \u{1B}[1m", "abc\u{202E}cba", "two\nlines"] {
            let json = try JSONSerialization.data(withJSONObject: ["hypotheses": [["name": name, "phenomenon": "osr", "pathways": ["c1"]]]])
            XCTAssertThrowsError(try HypothesisSet.parse(json: json, source: "h.json"), name.debugDescription) { error in
                XCTAssertEqual((error as? HypothesisError)?.exitCode, 65)
                XCTAssertTrue("\(error)".contains("control or bidirectional"), "\(error)")
                XCTAssertFalse("\(error)".unicodeScalars.contains { $0.value == 0x1B || $0.value == 0 || $0.value == 0x202E }, "raw character in \(error)")
            }
        }
        XCTAssertThrowsError(try HypothesisSet.parse(line: "osr: c1 \u{1B}[2J")) { XCTAssertEqual(($0 as? HypothesisError)?.exitCode, 65) }
        let twice = try JSONSerialization.data(withJSONObject: ["hypotheses": [["name": "rebound", "phenomenon": "osr", "pathways": ["c1"]],
                                                                               ["name": "rebound", "phenomenon": "osr", "pathways": ["c2"]]]])
        XCTAssertThrowsError(try HypothesisSet.parse(json: twice, source: "h.json")) { error in
            XCTAssertEqual(error as? HypothesisError, .duplicateName(name: "rebound"))
            XCTAssertEqual((error as? HypothesisError)?.exitCode, 65)
        }
        XCTAssertThrowsError(try Hypothesis.checkNames([try HypothesisSet.parse(line: "osr: c1"), try HypothesisSet.parse(line: "osr: c1")]))
        let plus = try JSONSerialization.data(withJSONObject: [["phenomenon": "osr", "pathways": ["c+1"]]])
        XCTAssertThrowsError(try HypothesisSet.parse(json: plus, source: "h.json")) { error in
            XCTAssertEqual(error as? HypothesisError, .unknownPathway(hypothesis: "osr: c+1", found: "c+1"))
        }
    }

    /// Hostile pass: a hypotheses file with 100,000 pathways in one hypothesis, or a name of
    /// 1,000,000 characters, was accepted; now 65 naming the file, the field, the limit and the count.
    func testHypothesesFileBoundsPathwaysAndNames() throws {
        let many = "[" + Array(repeating: "\"ON slow\"", count: 100_000).joined(separator: ",") + "]"
        let json = #"{"hypotheses": [{"name": "big", "phenomenon": "osr", "pathways": "# + many + "}]}"
        XCTAssertThrowsError(try HypothesisSet.parse(json: Data(json.utf8), source: "hyp.json")) { error in
            XCTAssertEqual(error as? HypothesisError, .overLimit(source: "hypotheses file 'hyp.json'", hypothesis: "big", field: "pathways",
                                                                 expected: "at most 64 entries", found: "100000"))
            XCTAssertEqual((error as? HypothesisError)?.exitCode, 65)
            XCTAssertEqual("\(error)", "hypotheses file 'hyp.json': hypothesis 'big': 'pathways' must have at most 64 entries, found 100000")
        }
        let long = String(repeating: "x", count: 1_000_000)
        let named = #"{"hypotheses": [{"name": ""# + long + #"", "phenomenon": "osr", "pathways": ["c1"]}]}"#
        XCTAssertThrowsError(try HypothesisSet.parse(json: Data(named.utf8), source: "hyp.json")) { error in
            XCTAssertEqual("\(error)", "hypotheses file 'hyp.json': hypothesis '\(String(repeating: "x", count: 40))…': 'name' must have at most 200 characters, found 1000000")
        }
        let lines = #"["osr: "# + Array(repeating: "c1", count: 65).joined(separator: "+") + #""]"#
        XCTAssertThrowsError(try HypothesisSet.parse(json: Data(lines.utf8), source: "hyp.json")) { error in
            XCTAssertEqual("\(error)", "hypotheses file 'hyp.json': hypothesis '(unnamed)': 'pathways' must have at most 64 entries, found 65")
        }
        let atLimit = #"{"hypotheses": [{"name": ""# + String(repeating: "y", count: 200) + #"", "phenomenon": "osr", "pathways": ["# +
            Array(repeating: "\"c1\"", count: 64).joined(separator: ",") + "]}]}"
        XCTAssertEqual(try HypothesisSet.parse(json: Data(atLimit.utf8), source: "hyp.json").hypotheses[0].pathways.count, 64)
    }

    func testVerdictWords() throws {
        let h = try HypothesisSet.parse(line: "latency: c0 + c1")
        func causal(_ without: Double, _ only: Double, full: Double = 20) -> CausalTestResult {
            let readout = PhenomenonReadout(phenomenon: .latency, metrics: [], strength: full, nullStrength: 0, strengthName: "shift",
                                            strengthUnit: "ms", curveX: "", curveY: "", curve: [], traces: [], criteria: [])
            let plan = try! CausalIntervention.plan(kept: [UnitGroup(channel: 0)], all: [], layout: .init(channels: 2, height: 1, width: 1),
                                                    settings: .init(includeSingles: false))
            var r = readout
            let results = plan.map { i -> CausalInterventionResult in
                r.strength = i.kind == .allKept ? 20 * without : i.kind == .allButKept ? 20 * only : full
                return CausalInterventionResult(intervention: i, readout: r, retained: nil)
            }
            return CausalTests.assemble(phenomenon: .latency, cells: [0], kept: [UnitGroup(channel: 0)], settings: .init(), results: results)
        }
        XCTAssertEqual(HypothesisTests.judge(h, channels: [0, 1], causal: causal(0.1, 0.9), circuit: nil).verdict, .supported)
        XCTAssertEqual(HypothesisTests.judge(h, channels: [0, 1], causal: causal(0.1, 0.2), circuit: nil).verdict, .partly)
        XCTAssertEqual(HypothesisTests.judge(h, channels: [0, 1], causal: causal(0.8, 0.2), circuit: nil).verdict, .refuted)
        let r = HypothesisTests.judge(h, channels: [0, 1], causal: causal(0.1, 0.9), circuit: nil)
        XCTAssertTrue(r.text.hasPrefix("10 % of the shift left with c0, c1 silenced"), r.text)
        // A full model with no shift (the opposite effect) has no fraction to print: untestable, and the text says why.
        let none = HypothesisTests.judge(h, channels: [0, 1], causal: causal(0.1, 0.9, full: -5), circuit: nil)
        XCTAssertEqual(none.verdict, .untestable)
        XCTAssertEqual(none.text, "untestable with c0, c1 silenced or kept alone: the full model's shift (−5.00) is on the far side of "
            + "the no-phenomenon value 0: the opposite effect; no matched control (the other channels are not more than its 2).")
        XCTAssertFalse(none.text.contains("n/a"))
    }
}
