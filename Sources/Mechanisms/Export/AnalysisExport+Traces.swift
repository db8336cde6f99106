import ArrayIO

extension AnalysisExport {
    /// The columns of `traces.csv`.
    public static let traceColumns = ["condition", "parameter", "parameter_unit", "model", "cell", "time_ms", "frame", "rate_hz"]

    /// Decimals of `rate_hz` (0.1 mHz).
    static let rateDecimals = 4

    /// The tidy trace table (see the ``AnalysisExport`` table): per condition, the full model's
    /// mean and per-cell rates, the reduced model's, the division ablation's (when the circuit
    /// divides) and the ground truth's mean rate.
    public static func tracesTable<Kind: PhenomenonAnalysis>(_ result: MechanismAnalysis<Kind>) -> CSVTable {
        var table = CSVTable(columns: traceColumns)
        for (i, c) in result.conditions.enumerated() {
            var series: [(model: String, cell: CSVValue, rates: [Float])] = [("full", .string("mean"), c.fullHz)]
            for j in result.cells { series.append(("full", .int(j), c.cellRatesHz.trace(cell: j))) }
            series.append(("reduced", .string("mean"), c.reducedHz))
            if result.reduction.subtractiveModel != nil, i < result.reduction.conditions.count,
               let ablation = result.reduction.conditions[i].subtractiveHz {
                series.append(("reduced_no_division", .string("mean"), ablation))
            }
            if let truth = c.groundTruthHz { series.append(("ground_truth", .string("mean"), truth)) }
            for s in series {
                for (row, rate) in s.rates.enumerated() {
                    table.append([.string(c.label), .double(c.parameter.value, precision: 4), .string(c.parameter.unit),
                                  .string(s.model), s.cell, .int(timeMs(c, row: row)), .int(c.clock.firstRowFrame + row),
                                  .double(Double(rate), precision: rateDecimals)])
                }
            }
        }
        return table
    }
}
