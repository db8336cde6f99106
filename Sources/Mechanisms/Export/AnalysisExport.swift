import Foundation
import ArrayIO

/// Writes a ``MechanismAnalysis`` as data files with stable, documented names: NPY for arrays, tidy
/// CSV for traces, JSON for metrics. Every file is written atomically (temp file, then rename).
///
/// | File | Content |
/// |---|---|
/// | `traces.csv` | Tidy traces, one row per condition × model × cell × window. Columns `condition,parameter,parameter_unit,model,cell,time_ms,frame,rate_hz`: `condition` = condition label; `parameter`, `parameter_unit` = its swept value and unit (`period`/ms, `contrast`, `speed`/px/frame, `position`/px); `model` ∈ `full`, `reduced`, `reduced_no_division` (the division ablation, only when the reduced circuit divides), `ground_truth`; `cell` = `mean` (mean rate of the analysed cells, the explained target) or a cell index (full model only); `time_ms` = time of the window's newest frame after the condition's event (see below), integer ms; `frame` = that newest frame in the condition movie; `rate_hz` = rate, Hz, 4 decimals. Rows are ordered by condition, then model (`full` mean, `full` per cell in `cells` order, `reduced`, `reduced_no_division`, `ground_truth`), then time. |
/// | `attribution.npy` | Pooled layer-1 attributions of the mean rate (Eq. 3/4), float32, Hz: `[N, C1]` for full-field analyses (OSR, latency), `[N, C1, W1]` (channel × layer-1 map column) for bar analyses (reversal, anticipation). The first axis runs over every explained window of every explained condition, in condition order (see `attribution_index.csv`). |
/// | `effective_weights.npy` | The pooled integrated effective weights `G` (Hz per unit of z), same shape as `attribution.npy`, so `attribution = G ∘ drive`. |
/// | `drive.npy` | The pooled bias-free layer-1 drive `W1 ∘ s` (mean over the pooled positions), same shape. |
/// | `attribution_index.csv` | One row per first-axis index of the three arrays. Columns `index,condition,parameter,parameter_unit,row,frame,time_ms,target_rate_hz,baseline_rate_hz,gap_hz`: `row` = analysed row of the condition, `frame`, `time_ms` as in `traces.csv`, `target_rate_hz` = explained mean rate r(s), `baseline_rate_hz` = r(0) at the gray screen, `gap_hz` = completeness gap Σ A − (r(s) − r(0)). |
/// | `metrics.json` | Sorted-key JSON (``AnalysisMetricsFile``): phenomenon, cells, RF centre, the metric for the full, reduced and ground-truth models (and per cell), metric rows, completeness, channel types, kept units, the reduced model (units with sign, threshold, weight, divisive gain and peak activity; offset; fit), fit quality per condition (with the response range), importance shares, the mechanism statement and the settings. |
///
/// Event (time zero of `time_ms`) per phenomenon: OSR — the expected onset of the omitted flash
/// (last flash onset + period); latency — the step onset; motion reversal — the reversal frame
/// (for a no-reversal control, the frame the bar passes the reversal point); motion anticipation —
/// for a drifting bar the frame its centre is closest to the RF centre, for a flashed bar the flash
/// onset. A window's time is that of its newest frame (row `i` ends at frame `i + 39` of the
/// condition's trimmed movie, as in `predict`), so a response at `time_ms` = 100 is the rate of the
/// window ending 100 ms after the event. Attribution files are absent when no condition was
/// explained; `ground_truth` rows are absent without a ground truth.
public enum AnalysisExport {
    public static let tracesFile = "traces.csv"
    public static let attributionFile = "attribution.npy"
    public static let effectiveWeightsFile = "effective_weights.npy"
    public static let driveFile = "drive.npy"
    public static let attributionIndexFile = "attribution_index.csv"
    public static let metricsFile = "metrics.json"

    /// Writes the files of the table above into `folder` (which must exist) and returns the names
    /// written, in the table's order. Throws the `ArrayIO` write errors (73 when the folder is
    /// missing, 74 on a write failure) and ``MechanismsError/shapeMismatch(parameter:expected:found:)``
    /// when the explained conditions' attribution layouts disagree.
    public static func write<Kind: PhenomenonAnalysis>(_ result: MechanismAnalysis<Kind>, to folder: URL) throws -> [String] {
        var written: [String] = []
        try tracesTable(result).write(to: folder.appendingPathComponent(tracesFile))
        written.append(tracesFile)
        if let arrays = try attributionArrays(result) {
            try arrays.attribution.write(to: folder.appendingPathComponent(attributionFile))
            written.append(attributionFile)
            if let g = arrays.effectiveWeights {
                try g.write(to: folder.appendingPathComponent(effectiveWeightsFile))
                written.append(effectiveWeightsFile)
            }
            if let d = arrays.drive {
                try d.write(to: folder.appendingPathComponent(driveFile))
                written.append(driveFile)
            }
            try arrays.index.write(to: folder.appendingPathComponent(attributionIndexFile))
            written.append(attributionIndexFile)
        }
        try StableJSON.write(AnalysisMetricsFile(result), to: folder.appendingPathComponent(metricsFile))
        written.append(metricsFile)
        return written
    }

    /// Milliseconds of row `row` after the condition's event (after row 0 when the event is unknown).
    static func timeMs(_ c: ConditionAnalysis, row: Int) -> Int {
        Int(c.clock.milliseconds(row: Double(row), after: Double(c.eventFrame ?? c.clock.firstRowFrame)).rounded())
    }
}
