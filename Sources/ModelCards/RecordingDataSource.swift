import Foundation
import RetinaCNN

/// Where a recording-trained (or imported) model's data came from, and how it scored on held-out
/// data. Stored on ``ModelCard/dataSource``; a card with a data source has no simulated ground truth
/// (its `simulatorParameters` / `simulatorCells` are placeholders and must not be shown).
public struct RecordingDataSource: Codable, Sendable, Equatable {
    /// Metadata key that marks every recording-trained or imported model file (value: this JSON).
    public static let metadataKey = "data_source"

    /// Per-cell and mean accuracy on the test set (McIntosh et al. 2016 style).
    public struct TestAccuracy: Codable, Sendable, Equatable {
        /// What the prediction was compared with: `repeat mean` (of `repeats` trials) or `responses`.
        public var reference: String
        public var repeats: Int
        /// Pearson r of prediction and reference, per cell.
        public var correlation: [Double]
        /// Highest correlation a noise-free prediction can reach with the repeat mean: √ρ, ρ the
        /// split-half (even vs odd trials) correlation Spearman–Brown corrected; nil without ≥ 2 repeats.
        public var noiseCeiling: [Double]?
        /// Fraction of explainable variance explained, per cell (see `RepeatStatistics` in Training).
        public var fractionOfExplainableVarianceExplained: [Double]?
        public var meanCorrelation: Double { correlation.isEmpty ? 0 : correlation.reduce(0, +) / Double(correlation.count) }

        public init(reference: String, repeats: Int, correlation: [Double], noiseCeiling: [Double]?,
                    fractionOfExplainableVarianceExplained: [Double]?) {
            self.reference = reference; self.repeats = repeats; self.correlation = correlation
            self.noiseCeiling = noiseCeiling; self.fractionOfExplainableVarianceExplained = fractionOfExplainableVarianceExplained
        }
    }

    /// `recording` (trained here with `train --data`) or `pytorch-import` (converted checkpoint).
    public var kind: String
    public var fileName: String
    public var sha256: String?
    /// `deep-retina-hdf5`, `nwb`, `npy`.
    public var format: String
    public var datasets: [String: String]
    public var cellIDs: [String]
    /// Cell indices selected with `--cells` (into the file's cells), nil = all.
    public var selectedCells: [Int]?
    /// Crop `[y, x, size]` in the file's pixels, nil = whole frame.
    public var crop: [Int]?
    public var responseUnit: String
    public var sourceFramePeriodSeconds: Double
    /// Frames of the training, validation and test blocks (10 ms bins); `testSplit` is `test group`
    /// or `held-out block`.
    public var trainFrames: Int
    public var validationFrames: Int
    public var testFrames: Int
    public var testSplit: String
    public var normalisation: StimulusNormalisation
    public var pairing: ResponsePairing
    public var warnings: [String]
    public var test: TestAccuracy?

    public init(kind: String, fileName: String, sha256: String?, format: String, datasets: [String: String], cellIDs: [String],
                selectedCells: [Int]?, crop: [Int]?, responseUnit: String, sourceFramePeriodSeconds: Double,
                trainFrames: Int, validationFrames: Int, testFrames: Int, testSplit: String,
                normalisation: StimulusNormalisation, pairing: ResponsePairing, warnings: [String], test: TestAccuracy?) {
        self.kind = kind; self.fileName = fileName; self.sha256 = sha256; self.format = format; self.datasets = datasets
        self.cellIDs = cellIDs; self.selectedCells = selectedCells; self.crop = crop; self.responseUnit = responseUnit
        self.sourceFramePeriodSeconds = sourceFramePeriodSeconds
        self.trainFrames = trainFrames; self.validationFrames = validationFrames; self.testFrames = testFrames
        self.testSplit = testSplit; self.normalisation = normalisation; self.pairing = pairing
        self.warnings = warnings; self.test = test
    }

    public var metadataValue: String {
        let e = JSONEncoder(); e.outputFormatting = [.sortedKeys]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return String(decoding: (try? e.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
