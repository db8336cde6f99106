import RetinaCore

extension BNCNN {
    /// The rates of this model under each of `silencings`, from one pass over the movie: element k
    /// equals `try silencedResponseModel(silencings[k]).rates(for: movie)` — first-layer units clamped
    /// to their gray-screen pre-activation — up to Float32 summation order (tests: 1e-5 of the
    /// largest rate), at a fraction of the cost: the layer-1 pre-activations, BN1 and the spectra
    /// of the channels a silencing leaves alone are computed once for all of them
    /// (`SilencingSweepPlan`). Causal tests measure every intervention's suite this way.
    ///
    /// Throws `RetinaCNNError.stimulusMismatch` for a movie of another frame size and
    /// `RetinaCNNError.invalidSilencing` for units outside layer 1.
    public func rates(for movie: Movie, silencings: [Layer1Silencing]) throws -> [RateMatrix] {
        try checkScreen(movie)
        let a = architecture
        let normalised = try silencings.map { s -> Layer1Silencing in
            let n = s.normalised()
            try n.validate(channelCount: a.conv1Channels, height: a.layer1Height, width: a.layer1Width)
            return n
        }
        guard !normalised.isEmpty else { return [] }
        let plan = SilencingSweepPlan(engine: engine, silencings: normalised)
        let n = movie.windowCount(history: a.historyFrames), block = n * a.cells
        var out = [Float](repeating: 0, count: normalised.count * block)
        out.withUnsafeMutableBufferPointer { o in
            let base = o.baseAddress!
            forEachLayer1Chunk(of: movie) { range, z, w in
                engine.sweepRates(z: z, count: range.count, plan: plan,
                                  rates: normalised.indices.map { base + $0 * block + range.lowerBound * a.cells }, workspace: w)
            }
        }
        return normalised.indices.map { k in
            RateMatrix(rows: n, cells: a.cells, valuesHz: Array(out[(k * block)..<((k + 1) * block)]))
        }
    }
}
