import Mechanisms
import Phenomena
import Plotting
import RetinaCore

/// A condition of an analysis result paired with the protocol condition that produced it (the
/// result keeps rates and attributions, the protocol keeps the stimulus and its event frames).
struct MatchedCondition<Events: Codable & Sendable & Equatable> {
    var analysis: ConditionAnalysis
    var condition: PhenomenonCondition<Events>

    /// Analysed rows (windows).
    var rows: Int { analysis.fullHz.count }

    /// Time of every row relative to `eventFrame`, ms: `(firstRowFrame + i − eventFrame) · 10 ms`.
    func timesMs(after eventFrame: Double) -> [Double] {
        (0..<rows).map { analysis.clock.milliseconds(row: Double($0), after: eventFrame) }
    }

    /// Contrast of a full-field movie at the newest frame of every row (the frame the row's response
    /// is aligned with); 0 past the end of the movie.
    func fullFieldContrast() -> [Double] {
        let movie = condition.movie
        return (0..<rows).map { i in
            let f = Int(analysis.clock.frame(ofRow: Double(i)))
            return f >= 0 && f < movie.frames ? Double(movie.values[f * movie.pixelsPerFrame]) : 0
        }
    }
}

extension MatchedCondition where Events == BarEvents {
    /// Bar centre relative to `rfCentreX` at the newest frame of every row, µm (nil = gray frame).
    func barCentreMicrons(rfCentreX: Double) -> [Double?] {
        (0..<rows).map { i in
            condition.events.barCentre(atFrame: analysis.clock.frame(ofRow: Double(i))).map { Units.microns(pixels: $0 - rfCentreX) }
        }
    }
}

enum CatalogueConditions {
    /// Pairs the result's conditions with `conditions` (same order) and checks that they match: same
    /// count, same labels, and the trimmed clock and row count the analysis used for a model with
    /// `history` frames of memory. A mismatch means the figures were asked for with another protocol
    /// than the analysis ran with.
    static func match<Events>(_ analyses: [ConditionAnalysis], _ conditions: [PhenomenonCondition<Events>], history: Int,
                              phenomenon: Phenomenon) throws -> [MatchedCondition<Events>] {
        let name = "FigureCatalogue(\(phenomenon.rawValue))"
        guard analyses.count == conditions.count else {
            throw FigureError.invalidInput(builder: name, reason: "the result has \(analyses.count) conditions but the given protocol "
                                           + "produces \(conditions.count); pass the protocol the analysis ran with")
        }
        return try zip(analyses, conditions).map { analysis, condition in
            let (movie, clock) = condition.trimmed(historyFrames: history)
            let rows = movie.windowCount(history: history)
            guard analysis.label == condition.label, analysis.clock == clock, analysis.fullHz.count == rows else {
                throw FigureError.invalidInput(
                    builder: name,
                    reason: "condition '\(analysis.label)' (first row at frame \(analysis.clock.firstRowFrame), \(analysis.fullHz.count) rows) "
                        + "does not match the protocol's '\(condition.label)' (frame \(clock.firstRowFrame), \(rows) rows); "
                        + "pass the protocol the analysis ran with")
            }
            return MatchedCondition(analysis: analysis, condition: condition)
        }
    }

    /// Up to `count` indices spread evenly over `0..<n` (first and last included).
    static func representative(_ n: Int, count: Int = 3) -> [Int] {
        guard n > count else { return Array(0..<n) }
        guard count > 1 else { return [0] }
        var out: [Int] = []
        for k in 0..<count {
            let i = Int((Double(k) * Double(n - 1) / Double(count - 1)).rounded())
            if out.last != i { out.append(i) }
        }
        return out
    }

    /// Full, reduced and (when present and wanted) ground-truth traces of one condition, rows `range`.
    static func traces(_ a: ConditionAnalysis, rows range: Range<Int>? = nil, groundTruth: Bool = true) -> [Trace] {
        let r = range ?? 0..<a.fullHz.count
        var out = [Trace(label: "full CNN", values: a.fullHz[r].map(Double.init), role: .fullModel),
                   Trace(label: "reduced circuit", values: a.reducedHz[r].map(Double.init), role: .reducedModel)]
        if groundTruth, let truth = a.groundTruthHz {
            out.insert(Trace(label: "ground truth", values: truth[r].map(Double.init), role: .groundTruth), at: 0)
        }
        return out
    }
}
