import Mechanisms
import Phenomena
import RetinaCore
import ReportKit

extension ReportAssembler {
    static let unifiedID = "unified-circuit"
    static let unifiedTableID = "unified-table"
    static let unifiedSearchTableID = "unified-search-table"

    /// "One circuit for all phenomena": does one reduced circuit of a few pathway types explain every
    /// analysed phenomenon at once (``Mechanisms/UnifiedCircuit``)? The answer in a sentence, a table
    /// per phenomenon (full model, its own circuit, the unified circuit, the ground truth, which unit
    /// carries it), the circuit figure, and every candidate of the search. Nil when it did not run.
    static func unifiedSection(_ inputs: ReportInputs) -> ReportSection? {
        guard let unified = inputs.unified else { return nil }
        let r = unified.result
        let chosen = r.chosenCandidate
        var blocks: [ReportBlock] = [.paragraph(RichText(
            "Each phenomenon above has its own reduced circuit. Here one circuit — the same one-hidden-layer family, with one "
                + "unit per first-layer pathway type (OFF fast, OFF slow, ON fast, ON slow; each unit pools its type's channels) — "
                + "is fitted jointly to the full model's responses over the conditions of every analysed phenomenon, each phenomenon "
                + "weighted equally. Which types it uses is chosen by the data: all \(r.fitCount) sets of the model's "
                + "\(r.pathways.count) pathway types were fitted (\(r.fitCount) fits on \(r.samples) samples of 10 ms), and the "
                + "smallest set that meets, on the most phenomena, every criterion the full model meets was kept ("
            ) + .section("methods-unified") + ").")]
        blocks.append(.paragraph(.strong(answerSentence(r))))

        let key = inputs.answerKeyApplies
        let header: [RichText] = ["Phenomenon", "Full model meets", "Own circuit", "One circuit", "Fit r² (own / one)"]
            + (inputs.groundTruthCompared ? ["Ground truth meets"] : []) + ["Carried by"] + (key ? ["Planted circuit"] : [])
        let rows = r.summaries.map { s -> [RichText] in
            let fullMet = s.full.filter(\.passed).count
            func met(_ c: [CriterionResult]) -> String { "\(c.filter(\.passed).count) of \(c.count)" }
            let own = "\(met(s.reduced)) (\(s.reducedTypes.isEmpty ? "no units" : s.reducedTypes.joined(separator: ", ")))"
            var one = met(s.unified.criteria)
            if s.fullShows {
                one += s.unified.matchesFullModel ? "; matches" : "; misses \(s.unified.fullMeets - s.unified.circuitMeetsOfThose) the full model meets"
            }
            let carriers = carriedByText(s.phenomenon, r: r)
            let planted = (s.phenomenon.kind as? any PhenomenonAnalysis.Type)?.plantedCircuit.summary ?? "—"
            return [RichText.link(s.title, to: "#" + Anchor.section(sectionID(s.phenomenon))), RichText("\(fullMet) of \(s.full.count)"),
                    RichText(own), s.unified.matchesFullModel ? .strong(one) : RichText(one),
                    RichText("\(NumberText.significant(s.reducedR2, 2)) / \(NumberText.significant(s.unified.fit.r2, 2))")]
                + (inputs.groundTruthCompared ? [RichText(s.groundTruth.map(met) ?? "—")] : [])
                + [RichText(carriers)] + (key ? [RichText(planted)] : [])
        }
        blocks.append(.table(ReportTable(
            id: unifiedTableID, header: header, rows: rows,
            alignments: header.indices.map { _ in .left },
            caption: RichText(unifiedCaption(chosen.pathways, key: key)))))
        blocks += unified.figures.map { .figure($0) }
        if key { blocks.append(.paragraph(RichText(plantedComparison(r)))) }

        let searchRows = r.candidates.enumerated().map { i, c -> [RichText] in
            let matched = c.phenomena.filter(\.matchesFullModel).map { $0.phenomenon.title.lowercased() }
            let row: [String] = [c.pathways.joined(separator: " + "), NumberText.significant(c.weightedR2, 3),
                                 "\(c.matchedCriteria) of \(c.phenomena.reduce(0) { $0 + $1.fullMeets })",
                                 matched.isEmpty ? "none" : matched.joined(separator: ", ")]
            return row.map { i == r.chosen ? RichText.strong($0) : RichText($0) }
        }
        blocks.append(.table(ReportTable(
            id: unifiedSearchTableID, header: ["Pathway types", "Weighted r²", "Criteria met of the full CNN's", "Matches the full CNN on"],
            rows: searchRows, alignments: [.left, .right, .right, .left],
            caption: RichText("Every candidate of the search, fewer types first (bold: the chosen one). Weighted r²: over all "
                + "conditions with each phenomenon weighted equally. Criteria met of the full CNN's: of the criteria the full CNN meets, "
                + "summed over phenomena, how many the candidate meets too. ")
                + RichText.link(unified.dataFiles.first ?? "data/unified-circuit.csv", to: unified.dataFiles.first ?? "data/unified-circuit.csv")
                + " holds every candidate's numbers per phenomenon.")))
        return ReportSection("One circuit for all phenomena", id: unifiedID, blocks: blocks)
    }

    static func unifiedCaption(_ pathways: [String], key: Bool) -> String {
        var s = "One circuit for all phenomena (\(pathways.joined(separator: ", "))): acceptance criteria met by the full CNN, by "
        s += "each phenomenon's own reduced circuit (its kept pathway types) and by the one circuit (bold: it meets every criterion "
        s += "the full CNN meets), and the fraction of variance of the full CNN's response each explains over that phenomenon's "
        s += "conditions. Carried by: the one circuit's units without which it no longer meets those criteria (silencing each unit "
        s += "in turn), else the unit carrying the largest share of its response to the phenomenon's stimuli, with its share."
        if key { s += " Planted circuit: the simulated retina's pathways for the phenomenon (the answer key)." }
        return s
    }

    /// "One circuit of 3 pathway types (…) meets every criterion the full model meets on 2 of the 4
    /// phenomena it shows at least in part (…); latency coding and motion anticipation need …".
    static func answerSentence(_ r: UnifiedCircuitResult) -> String {
        let chosen = r.chosenCandidate
        let shown = r.summaries.filter(\.fullShows)
        let matched = r.summaries.filter { $0.fullShows && $0.unified.matchesFullModel }
        let n = chosen.pathways.count
        var s = "One circuit of \(n) pathway type\(n == 1 ? "" : "s") (\(chosen.pathways.joined(separator: ", "))) "
        guard !shown.isEmpty else {
            return s + "was fitted, but the full model meets no criterion of any analysed phenomenon, so there is nothing to match."
        }
        s += matched.count == shown.count
            ? "meets every criterion the full model meets on all \(shown.count) phenomena it shows at least in part"
            : "meets every criterion the full model meets on \(matched.count) of the \(shown.count) phenomena it shows at least in part"
        if !matched.isEmpty, matched.count < shown.count { s += " (\(matched.map { $0.title.lowercased() }.joined(separator: ", ")))" }
        let missed = shown.filter { !$0.unified.matchesFullModel }
        let elsewhere = missed.filter { $0.smallestReproducing != nil }
        let nowhere = missed.filter { $0.smallestReproducing == nil }
        var tail: [String] = []
        for m in elsewhere {
            tail.append("\(m.title.lowercased()) is matched by \(m.smallestReproducing!.joined(separator: " + ")) alone, a set that loses another phenomenon")
        }
        if !nowhere.isEmpty {
            tail.append("no set of pathway types matches the full model on \(nowhere.map { $0.title.lowercased() }.joined(separator: " or "))"
                        + " — \(nowhere.count == 1 ? "it needs" : "they need") the finer pathways of \(nowhere.count == 1 ? "its" : "their") own reduced circuit")
        }
        let absent = r.summaries.filter { !$0.fullShows }
        if !absent.isEmpty {
            tail.append("the full model shows none of \(absent.map { $0.title.lowercased() }.joined(separator: ", ")), so there is nothing to match there")
        }
        return s + (tail.isEmpty ? "." : "; " + tail.joined(separator: "; ") + ".")
    }

    /// The units the match depends on (× in the figure), else the largest-share unit, e.g. "OFF slow (88 %)".
    static func carriedByText(_ p: Phenomenon, r: UnifiedCircuitResult) -> String {
        let own = r.contributions.filter { $0.phenomenon == p }
        guard let summary = r.summaries.first(where: { $0.phenomenon == p }), !own.isEmpty else { return "—" }
        func text(_ c: UnifiedUnitContribution) -> String { "\(c.pathway) (\(NumberText.percent(c.share, decimals: 0)) %)" }
        if summary.unified.matchesFullModel {
            let needed = own.filter { !$0.matchesWithout }
            if !needed.isEmpty { return needed.map(text).joined(separator: ", ") + " needed" }
        }
        return own.max { $0.share < $1.share }.map(text) ?? "—"
    }

    /// The unified circuit's pathway types against the planted circuit's, as a whole (`docs/answer-key.md`).
    static func plantedComparison(_ r: UnifiedCircuitResult) -> String {
        var planted: [String] = []
        for s in r.summaries {
            guard let key = (s.phenomenon.kind as? any PhenomenonAnalysis.Type)?.plantedCircuit else { continue }
            for p in key.pathways {
                let pol = p.polarity?.rawValue, speed = p.speed?.rawValue
                let named: String
                switch (pol, speed) {
                case let (p?, s?): named = "\(p) \(s)"
                case let (p?, nil): named = "\(p) (either speed)"
                case let (nil, s?): named = "\(s) (either polarity)"
                case (nil, nil): named = "any"
                }
                if !planted.contains(named) { planted.append(named) }
            }
        }
        let chosen = r.chosenCandidate.pathways
        let covered = planted.filter { want in
            let part = want.split(separator: " ").first.map(String.init) ?? want
            if want == "any" { return true }
            if want.hasSuffix("(either speed)") { return chosen.contains { $0.hasPrefix(part + " ") } }
            if want.hasSuffix("(either polarity)") { return chosen.contains { $0.hasSuffix(" " + part) } }
            return chosen.contains(want)
        }
        return "Against the planted circuit as a whole: the answer keys of the analysed phenomena use \(planted.joined(separator: ", ")) "
            + "pathways (polarity and speed where the key names them); the one circuit's types (\(chosen.joined(separator: ", "))) "
            + "cover \(covered.count) of these \(planted.count)"
            + (covered.count < planted.count ? " (not " + planted.filter { !covered.contains($0) }.joined(separator: ", ") + ")" : "") + "."
    }
}
