import ArrayIO

extension AnalysisExport {
    /// The columns of `attribution_index.csv`.
    public static let attributionIndexColumns = ["index", "condition", "parameter", "parameter_unit", "row", "frame", "time_ms",
                                                 "target_rate_hz", "baseline_rate_hz", "gap_hz"]

    /// The pooled attribution arrays of every explained window (first axis, in condition order) and
    /// their index table; nil when no condition was explained. `effectiveWeights` / `drive` are nil
    /// unless every explained condition carries them.
    public static func attributionArrays<Kind: PhenomenonAnalysis>(_ result: MechanismAnalysis<Kind>) throws
        -> (attribution: NPYArray, effectiveWeights: NPYArray?, drive: NPYArray?, index: CSVTable)? {
        let explained = result.conditions.filter { $0.attribution != nil }
        guard let first = explained.first?.attribution else { return nil }
        let (channels, columns, symmetry) = (first.channels, first.columns, first.symmetry)
        var values: [Float] = [], weights: [Float]? = [], drive: [Float]? = []
        var index = CSVTable(columns: attributionIndexColumns)
        for c in explained {
            let a = c.attribution!
            guard a.channels == channels, a.columns == columns, a.symmetry == symmetry else {
                throw MechanismsError.shapeMismatch(parameter: "attribution of \(c.label)",
                                                    expected: "\(symmetry) \(channels)x\(columns) like the first explained condition",
                                                    found: "\(a.symmetry) \(a.channels)x\(a.columns)")
            }
            values += a.attributions
            if let g = a.effectiveWeights { weights? += g } else { weights = nil }
            if let d = a.drive { drive? += d } else { drive = nil }
            let firstRow = c.explainedRows?.lowerBound ?? 0
            for w in 0..<a.windows {
                let row = firstRow + w
                let gap: CSVValue = c.gapsHz.map { w < $0.count ? .double($0[w], precision: 6) : .missing } ?? .missing
                index.append([.int(index.rows.count), .string(c.label), .double(c.parameter.value, precision: 4),
                              .string(c.parameter.unit), .int(row), .int(c.clock.firstRowFrame + row), .int(timeMs(c, row: row)),
                              .double(Double(a.targetRatesHz[w]), precision: rateDecimals),
                              .double(Double(a.baselineRateHz), precision: rateDecimals), gap])
            }
        }
        let n = index.rows.count
        let shape = symmetry == .fullField ? [n, channels] : [n, channels, columns]
        return (NPYArray(shape: shape, values: values), weights.map { NPYArray(shape: shape, values: $0) },
                drive.map { NPYArray(shape: shape, values: $0) }, index)
    }
}
