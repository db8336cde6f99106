import RetinaCore
import Phenomena
import RetinaCNN
import RetinaSimulation
import ModelCards
import ReportKit

extension ReportAssembler {
    /// The analysed model: architecture, and from its card the training recipe, held-out accuracy and
    /// phenomenon criteria; model-level figures.
    static func modelCardSection(_ inputs: ReportInputs) -> ReportSection {
        let m = inputs.model
        var subsections = [ReportSection("Architecture", id: "model-architecture", blocks: architectureBlocks(m.architecture))]
        var blocks: [ReportBlock] = []
        if let card = m.card {
            blocks.append(.paragraph(RichText("The model file carries a model card written when this tool trained it "
                + "(tool version \(card.toolVersion)).")))
            subsections.append(ReportSection("Training", id: "model-training", blocks: trainingBlocks(card)))
            if let source = card.dataSource {
                subsections.append(ReportSection("Data source and test accuracy", id: "model-accuracy",
                                                 blocks: recordingBlocks(source)))
            } else {
                subsections.append(ReportSection("Held-out accuracy", id: "model-accuracy", blocks: accuracyBlocks(card)))
            }
            subsections.append(ReportSection("Phenomena on the trained model", id: "model-criteria", blocks: criteriaBlocks(card)))
        }
        if let coverage = m.memoryCoverage {
            subsections.append(ReportSection("Memory coverage", id: "model-memory-coverage",
                                             blocks: memoryCoverageBlocks(coverage, card: m.card)))
        } else if m.card?.dataSource != nil || m.card == nil {
            // A simulated-retina card's coverage is always measurable (the pipeline measures it); a
            // recording's or an imported model's needs the recording, which is not at hand.
            subsections.append(ReportSection("Memory coverage", id: "model-memory-coverage",
                                             blocks: [unmeasuredMemoryCoverageBlock(windowFrames: m.architecture.historyFrames)]))
        }
        if m.card == nil {
            blocks.append(.callout(ReportCallout(
                kind: .info, title: "No model card",
                paragraphs: ["The model file carries no model card (for example a PyTorch export), so its training "
                    + "recipe, held-out accuracy and phenomenon criteria are not known to this report."])))
        }
        if !m.figures.isEmpty {
            let refs = m.figures.map { RichText.figure($0.id) }
            let lead: RichText = refs.count == 1 ? refs[0] + " shows" : refs[0] + " to " + refs[refs.count - 1] + " show"
            subsections.append(ReportSection("Model figures", id: "model-figures",
                                             blocks: [.paragraph(lead + " the model itself.")] + m.figures.map { .figure($0) }))
        }
        return ReportSection("Model card", id: modelCardID, blocks: blocks, subsections: subsections)
    }

    static func architectureBlocks(_ a: BNCNNArchitecture) -> [ReportBlock] {
        func size(_ c: Int, _ h: Int, _ w: Int) -> String { "\(c) × \(h) × \(w)" }
        let conv1 = a.conv1WeightCount + a.conv1Channels + 2 * a.bn1Count
        let conv2 = a.conv2WeightCount + a.conv2Channels + 2 * a.bn2Count
        let dense = a.denseWeightCount + 2 * a.cells
        let bn = a.batchNorm == .perUnit ? "batch norm per unit" : "batch norm per channel"
        let rows: [[RichText]] = [
            ["input", RichText("\(a.historyFrames) frames of stimulus contrast (\(NumberText.parameter(Double(a.historyFrames) * 10)) ms)"),
             RichText(size(a.historyFrames, a.height, a.width)), "—"],
            ["conv1", RichText("\(a.conv1Channels) filters \(a.conv1Kernel) × \(a.conv1Kernel) (valid), \(bn), ReLU"),
             RichText(size(a.conv1Channels, a.layer1Height, a.layer1Width)), RichText(NumberText.integer(conv1))],
            ["conv2", RichText("\(a.conv2Channels) filters \(a.conv2Kernel) × \(a.conv2Kernel) (valid), \(bn), ReLU"),
             RichText(size(a.conv2Channels, a.layer2Height, a.layer2Width)), RichText(NumberText.integer(conv2))],
            ["dense", RichText("to \(a.cells) cells (no bias), batch norm, softplus (Hz)"), RichText(String(a.cells)),
             RichText(NumberText.integer(dense))],
        ]
        return [
            .paragraph(RichText("A three-layer BN-CNN (McIntosh et al. 2016; Tanaka et al. 2019) with \(NumberText.integer(conv1 + conv2 + dense)) "
                + "trainable parameters; Gaussian noise (σ = \(NumberText.parameter(Double(a.noiseSigma)))) is added after each "
                + "hidden batch norm during training only. Attributions are taken at the conv1 pre-activations. ")
                + .table("model-layers") + " lists the layers."),
            .table(ReportTable(id: "model-layers", header: ["Layer", "Operation", "Output (channels × height × width)", "Parameters"],
                               rows: rows, alignments: [.left, .left, .right, .right],
                               caption: "Layers of the analysed network (pixels of 55 µm, frames of 10 ms).")),
        ]
    }

    static func trainingBlocks(_ card: ModelCard) -> [ReportBlock] {
        let r = card.recipe
        let s = r.stimulus
        var mix: [String] = []
        for (share, name) in [(s.naturalShare, "natural scenes"), (s.whiteNoiseShare, "white noise"),
                              (s.fullFieldFlickerShare, "full-field flicker")] where share > 0 {
            let total = s.naturalShare + s.whiteNoiseShare + s.fullFieldFlickerShare
            mix.append("\(NumberText.parameter((100 * share / total).rounded())) % \(name)")
        }
        typealias E = ParameterTable.Entry
        let entries: [E] = [
            E("recipe", .code(r.name)),
            E("stimulus ensemble", RichText(mix.joined(separator: ", ")),
              note: RichText("blocks of \(NumberText.parameter(Double(s.blockFrames) / 100)) s on a \(s.screenHeight) × \(s.screenWidth) px screen; never the test protocols")),
            E("data windows (train / validation / test)",
              RichText("\(NumberText.integer(card.trainWindows)) / \(NumberText.integer(card.validationWindows)) / \(NumberText.integer(card.testWindows))"),
              note: "simulated retina responses, each split with its own seed"),
            E("samples shown", RichText(NumberText.integer(card.samplesSeen)), unit: "windows",
              note: RichText("recipe: \(NumberText.integer(r.trainingSamples))")),
            E("batch size", RichText(String(r.batchSize)), unit: "windows"),
            E("learning rate (peak)", RichText(NumberText.parameter(r.learningRate)),
              note: RichText("Adam; linear warm-up over \(r.warmupSteps) steps, cosine decay to \(NumberText.parameter(100 * r.finalLearningRateFraction)) %")),
            E("L2 penalty", RichText(NumberText.parameter(r.l2)), note: "on both conv kernels (l2 · ΣW²)"),
            E("seed", .code(String(r.seed))),
            E("kept weights", RichText("step \(NumberText.integer(card.keptStep))"), note: "best validation correlation"),
            E("training time", RichText(NumberText.significant(card.trainingSeconds / 60)), unit: "min",
              note: RichText("\(NumberText.significant(card.samplesPerSecond)) windows/s")),
            E("stopped", RichText(card.stopReason)),
        ]
        return [.table(ParameterTable(id: "model-recipe", entries: entries, caption: "Training recipe from the model card.").textTable)]
    }

    static func accuracyBlocks(_ card: ModelCard) -> [ReportBlock] {
        let r = card.heldOutCorrelation
        guard !r.isEmpty else { return [.paragraph("The model card records no held-out correlation.")] }
        var rows: [[RichText]] = r.indices.map { i in
            [RichText(String(i)), RichText(NumberText.fixed(r[i], decimals: 3)),
             RichText(NumberText.percent(i < card.heldOutFEV.count ? card.heldOutFEV[i] : nil))]
        }
        let meanFEV = card.heldOutFEV.isEmpty ? nil : card.heldOutFEV.reduce(0, +) / Double(card.heldOutFEV.count)
        rows.append([.strong("mean"), .strong(NumberText.fixed(card.meanHeldOutCorrelation, decimals: 3)),
                     .strong(NumberText.percent(meanFEV))])
        return [
            .paragraph(RichText("On the held-out test split the model's rates correlate with the noise-free ground-truth "
                + "rates with a mean Pearson r of \(NumberText.fixed(card.meanHeldOutCorrelation, decimals: 3)) over "
                + "\(r.count) cell\(r.count == 1 ? "" : "s") (") + .table("model-heldout") + ")."),
            .table(ReportTable(id: "model-heldout", header: ["Cell", "Pearson r", "FEV (%)"], rows: rows,
                               alignments: [.left, .right, .right],
                               caption: "Held-out accuracy per cell (FEV: fraction of variance explained).")),
        ]
    }

    static func criteriaBlocks(_ card: ModelCard) -> [ReportBlock] {
        guard let criteria = card.phenomenonCriteria, !criteria.isEmpty else {
            return [.paragraph("The phenomenon criteria were not measured when the model was trained.")]
        }
        let rows = criteria.map { c -> [RichText] in
            [RichText(c.name), RichText(UnitText.measured(c.measured, c.unit)),
             RichText(PhenomenonCheck.thresholdText(minimum: c.minimum, maximum: c.maximum, unit: c.unit)), RichText(c.passed ? "pass" : "fail"),
             RichText("\(c.cellsPassing) of \(c.perCell.count)")]
        }
        let passed = criteria.filter(\.passed).count
        return [
            .paragraph(RichText("After training, the tool measured the four phenomena on the model with the ground-truth "
                + "protocols: \(passed) of \(criteria.count) criteria pass (") + .table("model-criteria") + ")."),
            .table(ReportTable(id: "model-criteria",
                               header: ["Criterion", "Measured", "Threshold", "Result", "Cells passing"],
                               rows: rows, alignments: [.left, .right, .left, .left, .right],
                               caption: "Phenomenon criteria from the model card (measured on the cell mean, or on the "
                                   + "population for motion reversal).")),
        ]
    }

    /// A recording-trained model: where its data came from and its test accuracy against the noise
    /// ceiling of the repeats (McIntosh et al. 2016), per cell and mean. No ground truth exists.
    static func recordingBlocks(_ d: RecordingDataSource) -> [ReportBlock] {
        let hash: String = d.sha256.map { ", SHA-256 \($0.prefix(16))…" } ?? ""
        let frames: String = "\(NumberText.integer(d.trainFrames)) training, \(NumberText.integer(d.validationFrames)) "
            + "validation and \(NumberText.integer(d.testFrames)) test frames (\(d.testSplit))"
        let details: String = " (\(d.format)\(hash)): \(d.cellIDs.count) cells, \(frames); responses in \(d.responseUnit). "
            + "The stimulus is z-scored with one mean and SD of the training movie (stored with the model); the phenomenon "
            + "protocols, defined in Weber contrast c, are shown to it as mean · (1 + c). There is no ground truth: the "
            + "report compares the full model with its reduced circuit only."
        var text = RichText("Trained on the recording ") + .code(d.fileName) + RichText(details)
        guard let t = d.test else { return [.paragraph(text + " No test accuracy was recorded.")] }
        text = text + RichText(" ") + .table("model-test-accuracy") + RichText(" gives the test accuracy against the \(t.reference).")
        let rows = t.correlation.indices.map { c -> [RichText] in
            [RichText(c < d.cellIDs.count ? d.cellIDs[c] : "cell \(c)"), RichText(NumberText.fixed(t.correlation[c], decimals: 3)),
             RichText(NumberText.fixed(t.noiseCeiling?[c], decimals: 3)),
             RichText(NumberText.percent(t.fractionOfExplainableVarianceExplained?[c]))]
        }
        func mean(_ x: [Double]?) -> Double? { x.flatMap { Statistics.mean($0) } }
        let all = rows + [[.strong("mean"), .strong(NumberText.fixed(t.meanCorrelation, decimals: 3)),
                           .strong(NumberText.fixed(mean(t.noiseCeiling), decimals: 3)),
                           .strong(NumberText.percent(mean(t.fractionOfExplainableVarianceExplained)))]]
        return [.paragraph(text), .table(ReportTable(
            id: "model-test-accuracy", header: ["Cell", "Pearson r", "Noise ceiling", "Explainable variance explained (%)"],
            rows: all, alignments: [.left, .right, .right, .right],
            caption: RichText("Test accuracy of the model against the \(t.reference) (\(t.repeats) repeats); noise ceiling: "
                + "the correlation a perfect model could reach given the trial-to-trial variability (split-half, "
                + "Spearman–Brown corrected); n/a without repeats.")))]
    }
}
