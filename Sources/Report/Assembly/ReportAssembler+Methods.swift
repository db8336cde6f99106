import Mechanisms
import RetinaCore
import Phenomena
import ReportKit

extension ReportAssembler {
    /// How the numbers were obtained: IG, pooling, channel types, reduction, the reproduction rule and
    /// references. Settings come from ``ReportInputs/settings`` (shared by all analyses).
    static func methodsSection(_ inputs: ReportInputs) -> ReportSection {
        let views = inputs.phenomena.compactMap(\.outcome.view)
        return ReportSection("Methods", id: methodsID, subsections: [
            ReportSection("Integrated gradients", id: "methods-ig", blocks: integratedGradientsBlocks(inputs.settings)),
            ReportSection("Symmetry pooling", id: "methods-pooling", blocks: poolingBlocks(inputs.settings)),
            ReportSection("Channel types", id: "methods-channel-types", blocks: channelTypeBlocks(inputs.settings, views: views)),
            ReportSection("Model reduction", id: "methods-reduction", blocks: reductionMethodBlocks(inputs.settings.reduction)),
            ReportSection("What “reproduces the phenomenon” means", id: "methods-reproduction", blocks: reproductionBlocks(inputs.phenomena.map(\.phenomenon))),
        ] + (inputs.unified != nil ? [ReportSection("One circuit for all phenomena", id: "methods-unified", blocks: unifiedMethodBlocks())] : [])
          + [ReportSection("References", id: "references", blocks: [.list(ReportReferences.all)])])
    }

    static func quadraturePhrase(_ q: IntegrationQuadrature, steps n: Int) -> String {
        switch q {
        case .rightRiemann:
            return "right Riemann sum on α = 0, 1/(N−1), …, 1 (N − 1 = \(max(0, n - 1)) gradient evaluations; the reference code's rule)"
        case .trapezoid:
            return "trapezoid rule on α = 0, 1/(N−1), …, 1 (N = \(n) gradient evaluations)"
        case .gaussLegendre:
            return "Gauss–Legendre quadrature with N = \(n) nodes on [0, 1]"
        }
    }

    static func integratedGradientsBlocks(_ s: MechanismAnalysisSettings) -> [ReportBlock] {
        let ig = s.integratedGradients
        typealias E = ParameterTable.Entry
        return [
            .paragraph("Integrated gradients (Sundararajan et al. 2017) attributes the difference between the response to "
                + "a stimulus s and to a baseline s₀ to the inputs along the straight path from s₀ to s (Eq. 1). Because the "
                + "first layer is affine, the same path integral taken at the first-layer pre-activations gives each "
                + "first-layer unit's signed contribution (Eq. 2, Tanaka et al. 2019): positive excites, negative inhibits. "
                + "Each time bin (a window of the stimulus history) is explained separately."),
            .preformatted("""
                Eq. 1  A_i(s) = (s_i − s0_i) · ∫₀¹ ∂r/∂s_i (s0 + α (s − s0)) dα,      Σ_i A_i(s) = r(s) − r(s0)
                Eq. 2  A_cxy(s) = G_cxy(s) · (W1_cxy ∘ s),   G_cxy(s) = ∫₀¹ ∂r/∂z_cxy (α (W1 ⋆ s) + b) dα
                       r = target rate; s0 = gray screen (0); z = W1 ⋆ s + b, the layer-1 pre-activation
                       of channel c at map position (x, y); W1_cxy ∘ s = its kernel times the stimulus patch
                """),
            .table(ParameterTable(id: "methods-ig-settings", entries: [
                E("steps N", RichText(String(ig.steps))),
                E("quadrature", .code(ig.quadrature.rawValue), note: RichText(quadraturePhrase(ig.quadrature, steps: ig.steps))),
                E("baseline s₀", "gray screen", note: "all-zero contrast; r(s₀) is the spontaneous rate r₀"),
                E("target r", "mean rate of the explained cells", note: "IG is linear in the target: the mean of the per-cell attributions"),
                E("attribution site", "layer-1 pre-activations z", note: "conv1 output before batch norm, bias included"),
                E("relative-gap floor", RichText(NumberText.parameter(100 * ig.relativeGapFloor)), unit: UnitText.percent,
                  note: "of the response range, in the denominator of the relative completeness gap"),
            ], caption: "Integrated-gradients settings shared by all analyses.").textTable),
        ]
    }

    static func poolingBlocks(_ s: MechanismAnalysisSettings) -> [ReportBlock] {
        [
            .paragraph("A stimulus symmetry makes many first-layer terms identical, so they can be summed exactly. For a "
                + "full-field stimulus every map position of a channel sees the same input, so the attributions pool to one "
                + "term per channel (Eq. 3). For a full-height bar moving along x, every row sees the same input, so they "
                + "pool over rows to one term per channel and map column (Eq. 4)."),
            .preformatted("""
                Eq. 3  r(t) − r0 = Σ_c [Σ_x,y G_cxy(t)] · z_c(t)     full field
                       z_c(t) = Σ_τ w̄_c[τ] s(t − τ), w̄_c = channel c's kernel summed over space
                Eq. 4  r(t) − r0 = Σ_c,x [Σ_y G_cxy(t)] · z_cx(t)    vertical bars (z_cx the same for every row y)
                """),
            .paragraph(RichText("Exactness check: before pooling, every stimulus frame is verified to have the symmetry "
                + "(every pixel equal to the frame's first pixel for full field, to its column's top pixel for bars) within "
                + "a relative tolerance of \(NumberText.parameter(Double(s.symmetryTolerance))) times the largest |contrast|; a stimulus that breaks it "
                + "stops the analysis with an error instead of being pooled approximately.")),
        ]
    }

    static func channelTypeBlocks(_ s: MechanismAnalysisSettings, views: [AnalysisView]) -> [ReportBlock] {
        let recent = views.first?.channelTypes.recentFrames
        let history = views.first?.channelTypes.history
        let rule: String
        switch s.fastSlowRule {
        case .twoMeans:
            rule = "the exact two-means split of the channels' peak latencies (threshold midway between the two groups)"
        case .median:
            rule = "the median peak latency"
        case .fixed(let ms):
            rule = "a fixed latency of \(NumberText.parameter(ms)) ms"
        }
        let scope = s.fastSlowScope == .withinPolarity ? "separately for ON and OFF channels" : "over all channels"
        let recentText = recent.map { "the \($0) most recent frames" } ?? "the most recent frames (25 in the reference code)"
        let historyText = history.map { " (of \($0))" } ?? ""
        return [.paragraph(RichText("Each first-layer channel's temporal filter is its kernel summed over space. Its dominant "
            + "lobe is the largest |value| among \(recentText)\(historyText); the channel is ON when that value is positive "
            + "and OFF when it is negative. Its peak latency is how long before the response the lobe lies. A channel is "
            + "fast when its peak latency is at most a threshold set by \(rule), \(scope); otherwise slow."))]
            + channelTypeEvidence(views.first?.channelTypes)
    }

    static func reductionMethodBlocks(_ r: ReductionSettings) -> [ReportBlock] {
        typealias E = ParameterTable.Entry
        let selection: E
        switch r.selection {
        case .share(let share):
            selection = E("selection", RichText("\(NumberText.parameter(100 * share)) % share"),
                          note: "smallest top-ranked set whose importance reaches this share of the total")
        case .topK(let k):
            selection = E("selection", RichText("top \(k)"), note: "a fixed number of top-ranked groups")
        }
        let grouping: E
        switch r.grouping {
        case .none:
            grouping = E("grouping (bars)", "none", note: "every pooled unit is its own group")
        case .contiguousColumns(let t):
            grouping = E("grouping (bars)", RichText("contiguous columns ≥ \(NumberText.parameter(100 * t)) %"),
                         note: "of the channel's peak column importance; each run of columns is one spatial subunit group")
        }
        let quantiles = r.thresholdQuantiles.map(NumberText.parameter).joined(separator: ", ")
        return [
            .paragraph(RichText("The importance of each pooled unit k over the explained windows is "
                + "\(importancePhrase(r.importance)). Units are grouped, ranked, and the top groups are kept. On the kept "
                + "groups a one-hidden-layer circuit is fitted to the full model's response over every condition of the "
                + "phenomenon (Tanaka et al. 2019):")),
            .preformatted(r.allowsDivision ? """
                r(t) = [w0 + Σ_k w_k h_k(t)]+ / (1 + Σ_k v_k h_k(t))        h_k(t) = Σ_(m in group k) [σ_k (z_m(t) − θ_k)]+
                z_m = pooled layer-1 pre-activation of unit m;  σ_k = ±1;  θ_k threshold;  w_k weight (Hz per unit z);
                v_k ≥ 0 divisive gain (per unit z; all v_k = 0 is the subtractive circuit of the reference code)
                """ : """
                r(t) = [w0 + Σ_k w_k h_k(t)]+        h_k(t) = Σ_(m in group k) [σ_k (z_m(t) − θ_k)]+
                z_m = pooled layer-1 pre-activation of unit m;  σ_k = ±1;  θ_k threshold;  w_k weight (Hz per unit z)
                """),
            .paragraph(RichText(fitMethodText(r))),
            .table(ParameterTable(id: "methods-reduction-settings", entries: [
                E("importance", .code(r.importance.rawValue), note: RichText(importancePhrase(r.importance))),
                selection,
                E("at most", RichText(String(r.maxUnits)), unit: "groups"),
                grouping,
                E("threshold candidates", RichText(quantiles), note: "quantiles of each unit's pre-activation"),
                E("negative rectification", RichText(r.allowNegativeRectification ? "allowed" : "not allowed"),
                  note: "σ = −1 passes decreases of z below θ"),
                E("weights", .code(r.weights.rawValue), note: r.weights == .signed ? "either sign" : "non-negative least squares"),
                E("output rectifier", RichText(r.outputRectified ? "on" : "off")),
                r.conditionWeighting == .equalPerCondition
                    ? E("condition weighting", "equal per condition",
                        note: "each condition's squared errors ÷ (its windows × max(its response range², 1 Hz²)), so weak conditions count as much as strong ones")
                    : E("condition weighting", "per window", note: "every window counts the same; strong conditions dominate"),
                E("divisive gains", RichText(r.allowsDivision ? (r.divisiveGains ?? []).map(NumberText.parameter).joined(separator: ", ") : "off"),
                  note: r.allowsDivision ? "candidates, × 1 / max h_k; refined continuously, v ≥ 0" : "subtractive circuit only"),
                E("threshold search sweeps", RichText(String(r.maxSweeps))),
                E("joint refinement iterations", RichText(String(r.refinementIterations))),
            ], caption: "Model-reduction settings shared by all analyses.").textTable),
        ]
    }

    /// How reproduction is judged, with the acceptance criteria of the analysed phenomena.
    static func reproductionBlocks(_ phenomena: [Phenomenon]) -> [ReportBlock] {
        // The thresholds as the one judge states them (no metric: names and bounds only).
        let rows: [[RichText]] = phenomena.compactMap(\.kind).flatMap { kind in
            kind.projectCriteriaUnmeasured.map { c in
                [RichText(kind.title), RichText(c.name),
                 RichText(PhenomenonCheck.thresholdText(minimum: c.minimum, maximum: c.maximum, unit: c.unit))]
            }
        }
        return [
            .paragraph("Each model (full CNN, reduced circuit, ground truth) shows a phenomenon when its metric meets the "
                + "project's acceptance criteria (" + .table("methods-criteria") + "), judged over the periods, contrasts "
                + "and speeds of the protocol the analysis ran; a criterion fails when a period or speed has no peak. The "
                + "reduced circuit reproduces the phenomenon when it meets every criterion the full model meets (the "
                + "reduction explains the full model, so a criterion the full model fails is not asked of it); partly when "
                + "it meets some of them. Anticipation is judged at the criterion speeds the protocol ran, or at its slowest "
                + "speed when it ran none of them."),
            .table(ReportTable(id: "methods-criteria", header: ["Phenomenon", "Criterion", "Threshold"], rows: rows,
                               alignments: [.left, .left, .left], caption: "Acceptance criteria of the analysed phenomena.")),
        ]
    }
    /// How the reduced circuit is fitted, in words.
    static func fitMethodText(_ r: ReductionSettings) -> String {
        guard r.allowsDivision else {
            return "For fixed thresholds the circuit is linear in the weights, so the weights are a least-squares solution; "
                + "thresholds are searched over quantiles of each unit's pre-activation and then refined jointly with the "
                + "weights (Levenberg–Marquardt)."
        }
        let search = "For fixed thresholds and divisive gains the circuit is linear in the weights, so the weights are a "
            + "least-squares solution; thresholds are searched over quantiles of each unit's pre-activation, divisive gains "
            + "over multiples of 1 / max h_k, and both are then refined jointly with the weights (Levenberg–Marquardt). "
        let guarantee = "The purely subtractive circuit is fitted too and the lower error wins, so allowing division never "
            + "worsens the fit; when the winner divides, the subtractive one is kept as its division ablation, and its "
            + "phenomenon metric shows whether the phenomenon needs the divisive units (Needs ÷ in the summary). "
        let why = "A divisive unit is the one-layer stand-in for contrast gain control: it truncates the response by a share "
            + "that grows with its own activity, which a subtractive unit cannot do."
        return search + guarantee + why
    }


    /// How the unified circuit is built and chosen (``Mechanisms/UnifiedCircuit``, `docs/method.md` §5.8).
    static func unifiedMethodBlocks() -> [ReportBlock] {
        [.paragraph("Pathway signals: each first-layer channel's pooled pre-activation is measured from its gray-screen value "
                    + "(the conv1 bias) and divided by its root-mean-square over every analysed condition; a pathway type's signal is "
                    + "the mean of its channels'. Full-field stimuli drive every map column alike; bar stimuli keep their column "
                    + "profile, and a unit reads the contiguous columns that carry 90 % of the bar analyses' attribution."),
         .preformatted("h_k(t) = Σ_x [σ_k (s_k,x(t) − θ_k)]₊        r(t) = [w₀ + Σ_k w_k h_k(t)]₊ / (1 + Σ_k v_k h_k(t))"),
         .paragraph("The circuit is fitted exactly as the per-phenomenon reduced circuits (same threshold candidates, sweeps and "
                    + "Levenberg–Marquardt refinement), to every phenomenon's conditions at once. Within a phenomenon each "
                    + "condition weighs 1 / (rows · max(range², 1 Hz²)); each phenomenon's weights are then scaled to sum to 1, so "
                    + "none dominates by its number of rows. Every non-empty set of the model's pathway types is fitted; the chosen "
                    + "circuit meets every criterion the full model meets on the most phenomena, then has the fewest types, then "
                    + "meets the most of those criteria, then has the highest weighted r². A unit's share of a phenomenon is the "
                    + "weighted squared change of the circuit's response to that phenomenon's stimuli when the unit is silenced, "
                    + "over the sum for all units.")]
    }
}
