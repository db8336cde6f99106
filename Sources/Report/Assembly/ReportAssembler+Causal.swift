import Mechanisms
import Phenomena
import RetinaCore
import RetinaSimulation
import ReportKit

extension ReportAssembler {
    /// The "Causal tests" part of a phenomenon section: what was silenced, what the phenomenon did, the
    /// verdict, the figure and — for a model trained on the simulated retina — the retina's answer by
    /// intervention. Nil when the causal tests were not run.
    static func causalBlocks(_ input: PhenomenonReportInput, view v: AnalysisView, inputs: ReportInputs) -> [ReportBlock]? {
        guard let outcome = input.causal else { return nil }
        if case let .notRun(reason) = outcome { return [.paragraph(RichText("No causal tests: \(reason)."))] }
        guard case let .tested(c) = outcome else {
            guard case let .failed(step, message) = outcome else { return nil }
            return [.callout(ReportCallout(kind: .error, title: "Causal tests failed", paragraphs: [
                "Step " + .code(step) + " failed; the analysis above stands. The manifest records the step as failed.",
                RichText(message),
            ]))]
        }
        let id = sectionID(v.phenomenon)
        let test = c.test
        let full = test.full
        let strength = full.strengthName + (full.strengthUnit.isEmpty ? "" : " (\(full.strengthUnit))")
        let cells = test.cells.map(String.init).joined(separator: ", ")
        var intro = RichText("Each intervention clamps the named first-layer units to their gray-screen value (a gray screen is zero "
            + "contrast: for a whole channel, its kernel zeroed and its bias kept) and measures the phenomenon again on the full CNN with "
            + "the same stimuli and criteria (cell\(test.cells.count == 1 ? "" : "s") \(cells)). ")
        let singles = test.interventions.contains { $0.intervention.kind == .single }
        intro = intro + .table("\(id)-causal") + RichText(" lists the interventions: " + (singles ? "each kept group alone, " : "")
            + "all kept groups (necessity), "
            + "everything but them (sufficiency inside the full network, which the reduced circuit does not test), a matched control of as "
            + "many other groups, and every channel of each pathway type. Retained is the fraction of the full CNN's \(full.strengthName) "
            + "left (1 = unchanged, 0 = gone, negative = reversed). ")
        intro = intro + RichText(test.verdict.text)
        if let why = test.settings.verdict.undefinedReason(full: full) {
            intro = intro + RichText(" No retained fraction (—) is given: " + why + ".")
        }
        var blocks: [ReportBlock] = [.paragraph(intro)]

        let retinaRows = c.comparison.map { comparison in
            Dictionary(comparison.rows.map { ("\($0.kind.rawValue)|\($0.intervention)", $0) }, uniquingKeysWith: { a, _ in a })
        }
        let compared = retinaRows != nil
        let rows = test.interventions.map { r -> [RichText] in
            let i = r.intervention
            let silenced = i.kind == .allButKept ? "all but " + i.keptGroups.map(\.description).joined(separator: ", ")
                : i.silencedGroups.isEmpty ? "—" : i.silencedGroups.map(\.description).joined(separator: ", ")
            var row: [RichText] = [RichText(i.name), RichText(silenced), RichText(NumberText.percent(i.silencedUnitFraction, decimals: 0) + " %"),
                                   RichText(NumberText.significant(r.readout.strength)),
                                   RichText(r.retained.map { NumberText.fixed($0, decimals: 2) } ?? "—"),
                                   RichText("\(r.readout.criteriaPassed) of \(r.readout.criteria.count)")]
            if let retinaRows {
                let k = retinaRows["\(i.kind.rawValue)|\(i.name)"]
                let ablation = k?.retinaAblations.map { a in
                    (a.isEmpty ? "intact" : a.map(\.rawValue).joined(separator: " + ")) + (k?.exact == false && !a.isEmpty ? " (partly)" : "")
                } ?? "—"
                row += [RichText(ablation), RichText(k?.retinaStrength.map { NumberText.significant($0) } ?? (k?.retinaAblations == nil ? "—" : "n/a")),
                        RichText(k.map { k in k.retinaCriteriaPassed.map { "\($0) of \(k.criteriaCount)" } ?? "—" } ?? "—"),
                        RichText(k?.retinaRetained.map { NumberText.fixed($0, decimals: 2) } ?? "—"),
                        RichText(k?.agree.map { $0 ? "yes" : "no" } ?? "—")]
            }
            return row
        }
        let retinaHeader: [RichText] = compared ? ["Retina ablation", "Retina strength", "Retina criteria", "Retina retained", "Agree"] : []
        let retinaAlign: [ReportTable.Alignment] = compared ? [.left, .right, .right, .right, .left] : []
        let intactRetina = c.retina?.first { $0.ablations.isEmpty }?.readout
        let retinaWhy = intactRetina.flatMap { test.settings.verdict.undefinedReason(full: $0, subject: "the intact retina") }
        let retinaCaption = compared
            ? " Retina ablation: the simulated retina with the pathways of the silenced channel types removed (a type counts as removed "
                + "when at least half its channels' units are silenced, \"partly\" when not all of them are; — for a spatial silencing, which has no counterpart), measured by the "
                + "same code on the same cells; Retina strength and criteria: the phenomenon's strength and the criteria met by that retina; "
                + "Agree: both keep or both lose the phenomenon (retained ≤ "
                + NumberText.fixed(test.settings.verdict.necessityMaximumRetained, decimals: 2) + " counts as lost)."
                + (retinaWhy.map { " No retina retained fraction: " + $0 + "." } ?? "")
            : ""
        let rule = test.settings.verdict
        let retainedRule = " Retained: (S − S₀) / (S_full − S₀) with S₀ = \(NumberText.significant(full.nullStrength)) the no-phenomenon value, "
            + "given only where the unsilenced system meets at least one criterion and its effect S_full − S₀ is positive and at least "
            + "\(NumberText.percent(rule.minimumRelativeEffect, decimals: 0)) % of max(|S_full|, |S₀|); — otherwise."
        blocks.append(.table(ReportTable(
            id: "\(id)-causal",
            header: ["Intervention", "Silenced", "Units silenced", RichText("Strength: \(strength)"), "Retained", "Criteria met"] + retinaHeader,
            rows: rows, alignments: [.left, .left, .right, .right, .right, .right] + retinaAlign,
            caption: RichText("Causal tests of the \(v.title.lowercased()) (n/a: not measurable, or the response fell below "
                + NumberText.percent(test.settings.verdict.minimumResponseFraction, decimals: 0) + " % of the full model's, which counts as gone)."
                + retainedRule + retinaCaption))))
        if let figure = c.figure { blocks.append(.figure(figure)) }
        if let comparison = c.comparison { blocks.append(.paragraph(RichText(retinaAgreementText(comparison, test: test)))) }
        if !c.hypotheses.isEmpty {
            blocks.append(.paragraph(RichText("\(c.hypotheses.count) hypothes\(c.hypotheses.count == 1 ? "is was" : "es were") tested on "
                + "this phenomenon; see ") + .section(hypothesesID) + "."))
        }
        return blocks
    }

    /// "Silencing the CNN's ON-slow-typed channels (c2) leaves 12 % of the …; removing the retina's
    /// ON-slow pathway leaves 4 %: both lose it." for every pathway-type intervention, then the count
    /// of agreements over all compared interventions.
    static func retinaAgreementText(_ comparison: CausalKeyComparison, test: CausalTestResult) -> String {
        func pct(_ x: Double?) -> String { x.map { "\(NumberText.percent($0, decimals: 0)) %" } ?? "an unmeasurable part" }
        let name = test.full.strengthName
        var sentences: [String] = []
        for row in comparison.rows where row.kind == .pathwayType {
            guard let i = test.interventions.first(where: { $0.intervention.name == row.intervention && $0.intervention.kind == .pathwayType })
            else { continue }
            let type = String(row.intervention.dropFirst("silence ".count)).replacingOccurrences(of: " ", with: "-")
            let channels = i.intervention.silencedGroups.map(\.description).joined(separator: ", ")
            let retina = row.retinaAblations.map { $0.map(\.rawValue).joined(separator: " + ") } ?? "—"
            // A fraction where the unsilenced side has an effect to divide by, else the strength itself.
            let intact = comparison.rows.first { $0.kind == CausalInterventionKind.none }
            func change(_ from: Double?, _ to: Double?, _ what: String) -> String {
                switch (from, to) {
                case (nil, nil): return "leaves \(what) unmeasurable, as without silencing"
                case (let a?, nil): return "takes \(what) from \(NumberText.significant(a)) to unmeasurable"
                default: return "takes \(what) from \(NumberText.significant(from)) to \(NumberText.significant(to))"
                }
            }
            let cnn = row.cnnRetained.map { "leaves \(pct($0)) of its \(name)" } ?? change(test.full.strength, row.cnnStrength, "its \(name)")
            let theirs = row.retinaRetained.map { "leaves \(pct($0))" } ?? change(intact?.retinaStrength, row.retinaStrength, "it")
            var s = "Silencing the CNN's \(type)-typed channel\(i.intervention.silencedGroups.count == 1 ? "" : "s") (\(channels)) "
                + "\(cnn); the retina ablation \(retina) \(theirs)"
            if let agree = row.agree {
                let cnnLost = (row.cnnRetained ?? 1) <= test.settings.verdict.necessityMaximumRetained
                s += agree ? (cnnLost ? ": both lose it." : ": both keep it.") : (cnnLost ? ": the CNN loses it, the retina does not." : ": the retina loses it, the CNN does not.")
            } else {
                s += "."
            }
            sentences.append(s)
        }
        let (agree, compared) = comparison.agreement
        sentences.append(compared == 0 ? "No intervention has a retina counterpart with a measurable retained fraction."
            : "Over all \(compared) interventions with a retina counterpart, the CNN and the retina agree on \(agree).")
        return sentences.joined(separator: " ")
    }

    static let hypothesesID = "hypotheses"

    /// The "Hypotheses" section: one verdict row per hypothesis with the numbers behind the word; nil
    /// when none were given.
    static func hypothesesSection(_ inputs: ReportInputs) -> ReportSection? {
        let tested = inputs.phenomena.flatMap { p -> [HypothesisResult] in
            if case let .tested(c)? = p.causal { return c.hypotheses }
            return []
        }
        let failed = inputs.phenomena.filter { p in
            if case .failed? = p.causal { return true }
            return false
        }
        guard !tested.isEmpty || !failed.isEmpty, !inputs.hypotheses.isEmpty else { return nil }
        func pct(_ x: Double?) -> String { x.map { "\(NumberText.percent($0, decimals: 0)) %" } ?? "n/a" }
        let rule = tested.first?.causal.verdict.rule ?? CausalVerdictRule()
        var blocks: [ReportBlock] = [.paragraph(
            RichText("Each hypothesis names pathways of one phenomenon. It is tested three ways: silencing its channels (necessary when at most "
                + "\(pct(rule.necessityMaximumRetained)) of the phenomenon is left), keeping only its channels (sufficient when at least "
                + "\(pct(rule.sufficiencyMinimumRetained)) is left), and a reduced circuit restricted to its channels fitted like the "
                + "reduction (its fraction of explained variance, and the sign each pathway takes). Supported: necessary and sufficient "
                + "(and the circuit agrees); partly: one of the two, or a sign or fit that disagrees; refuted: neither. ")
                + .table("hypotheses-verdicts") + " gives the verdicts; edit the hypothesis file and re-run to test others."),
        ]
        /// "1.35 (0 of 3) · 13 % left": the phenomenon's strength under the intervention, the criteria it
        /// still meets and, where the full model has an effect to divide by, the fraction left.
        func cell(_ r: CausalInterventionResult?, full: PhenomenonReadout? = nil) -> RichText {
            guard let r else { return "not run" }
            var t = "\(NumberText.significant(r.readout.strength)) (\(r.readout.criteriaPassed) of \(r.readout.criteria.count))"
            if let full, let f = r.retained {
                // Retained 0 with a strength: the response fell below the verdict's floor, so the
                // strength is read off a response that is no longer there.
                let gone = f == 0 && (r.readout.responseHz ?? .infinity) < rule.minimumResponseFraction * (full.responseHz ?? 0)
                t += gone ? " · response gone" : " · \(pct(f)) left"
            }
            return RichText(t)
        }
        let rows = tested.map { h -> [RichText] in
            let c = h.causal
            return [RichText(h.hypothesis.name),
                    RichText("\(h.channels.count): " + h.hypothesis.pathways.map(\.description).joined(separator: " + ")),
                    .strong(h.verdict.rawValue), RichText(c.full.strengthName + (c.full.strengthUnit.isEmpty ? "" : " (\(c.full.strengthUnit))")),
                    cell(c.result(.none)), cell(c.result(.allKept), full: c.full), cell(c.result(.allButKept), full: c.full),
                    cell(c.result(.control), full: c.full),
                    RichText(h.circuit.map { NumberText.fixed($0.r2, decimals: 2) } ?? "n/a"),
                    RichText(h.circuit.map { c in c.signs.isEmpty ? "—" : c.signs.map { "\($0.pathway) \($0.matches ? "✓" : "✗")" }
                        .joined(separator: ", ") } ?? "—")]
        }
        blocks.append(.table(ReportTable(
            id: "hypotheses-verdicts",
            header: ["Hypothesis", "Channels", "Verdict", "Strength", "Full CNN", "Silenced", "Only these", "Control", "Circuit r²", "Signs"],
            rows: rows, alignments: [.left, .left, .left, .left, .right, .right, .right, .right, .right, .left],
            caption: "Hypotheses and their verdicts. Channels: how many channels the hypothesis' pathways resolve to (listed below the "
                + "table). Strength: the phenomenon's strength measure; each intervention cell gives its value, "
                + "the phenomenon's criteria still met and the fraction of the full CNN's effect left (only where the full CNN meets a criterion "
                + "and has an effect in the phenomenon's direction of at least \(pct(rule.minimumRelativeEffect)) of max(|S_full|, |S₀|); \"response gone\" when the response fell below "
                + "\(pct(rule.minimumResponseFraction)) of the full CNN's, which counts as 0 % left). Full CNN: no channel silenced; Silenced: the hypothesis' channels silenced (necessity); "
                + "Only these: every other channel silenced (sufficiency); Control: as many other, randomly drawn channels silenced (not run "
                + "when the other channels are not more than the hypothesis' own: the draw would be all of them); "
                + "Circuit r²: fraction of variance of the full CNN's response explained by the restricted circuit; Signs: stated sign "
                + "matches the fitted one (✓) or not (✗).")))
        blocks.append(.list(tested.map { RichText("\($0.hypothesis.name): ") + .strong($0.verdict.rawValue) + RichText(" — " + $0.text) }))
        if !failed.isEmpty {
            blocks.append(.paragraph(RichText("Not tested (the causal step failed): "
                + inputs.hypotheses.filter { h in failed.contains { $0.phenomenon == h.phenomenon } }.map(\.name).joined(separator: "; ") + ".")))
        }
        return ReportSection("Hypotheses", id: hypothesesID, blocks: blocks)
    }
}
