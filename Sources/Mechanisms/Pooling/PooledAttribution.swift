/// Layer-1 attributions pooled over a stimulus symmetry (Eq. 3 or Eq. 4).
///
/// Layout of every array: `[windows, channels, columns]`, row-major; `columns == 1` for full field.
/// Exactness: under the symmetry, `L = z − b` is the same at every pooled position, so
/// `attributions = effectiveWeights ∘ drive` holds exactly (up to Float rounding), and
/// `Σ attributions` per window equals the unpooled sum.
public struct PooledAttribution: Codable, Sendable {
    public var symmetry: PoolingSymmetry
    public var windows: Int
    public var channels: Int
    public var columns: Int
    /// `A_c(t) = Σ_{x,y} A_cxy(t)` or `A_cx(t) = Σ_y A_cxy(t)`, Hz.
    public var attributions: [Float]
    /// Pooled effective weights `G_c(t) = Σ Ĝ` over the same positions (Hz per unit of z), when the
    /// unpooled result carried them.
    public var effectiveWeights: [Float]?
    /// Mean over the pooled positions of the bias-free layer-1 drive `L = W1 ∘ s` (`z_c(t)` of Eq. 3),
    /// when preactivations were given.
    public var drive: [Float]?
    /// Target response per window, Hz (copied from the attribution result).
    public var targetRatesHz: [Float]
    /// Target at the gray screen, Hz.
    public var baselineRateHz: Float

    /// Memberwise (the shapes are not checked: for values that came from ``SymmetryPooling``, e.g.
    /// read back from the step cache of `run`).
    public init(symmetry: PoolingSymmetry, windows: Int, channels: Int, columns: Int, attributions: [Float],
                effectiveWeights: [Float]?, drive: [Float]?, targetRatesHz: [Float], baselineRateHz: Float) {
        self.symmetry = symmetry; self.windows = windows; self.channels = channels; self.columns = columns
        self.attributions = attributions; self.effectiveWeights = effectiveWeights; self.drive = drive
        self.targetRatesHz = targetRatesHz; self.baselineRateHz = baselineRateHz
    }

    /// Every pooled unit, in storage order (channel-major, then column).
    public var units: [PooledUnit] {
        (0..<channels).flatMap { c in (0..<columns).map { PooledUnit(channel: c, column: symmetry == .fullField ? nil : $0) } }
    }

    /// Storage index of a unit within a window.
    public func offset(of unit: PooledUnit) -> Int { unit.channel * columns + (unit.column ?? 0) }

    /// `A_unit(t)` over all windows, Hz.
    public func trace(_ unit: PooledUnit) -> [Float] {
        let o = offset(of: unit), stride = channels * columns
        return (0..<windows).map { attributions[$0 * stride + o] }
    }

    /// `Σ_units A(t)` at window `w`, Hz (equals the unpooled total).
    public func total(window w: Int) -> Double {
        let stride = channels * columns
        return attributions[(w * stride)..<((w + 1) * stride)].reduce(0) { $0 + Double($1) }
    }
}

/// Layer-1 preactivations `z` (bias included, as in the reference code's hidden units, docs/method.md §5.2) averaged
/// over the pooled positions: the hidden-unit inputs of a reduced model. Layout `[windows, channels, columns]`.
public struct PooledLayer1Response: Codable, Sendable {
    public var symmetry: PoolingSymmetry
    public var windows: Int
    public var channels: Int
    public var columns: Int
    public var values: [Float]

    public init(symmetry: PoolingSymmetry, windows: Int, channels: Int, columns: Int, values: [Float]) {
        precondition(values.count == windows * channels * columns, "pooled response does not match its shape")
        self.symmetry = symmetry; self.windows = windows; self.channels = channels; self.columns = columns; self.values = values
    }

    /// `z_unit(t)` over all windows.
    public func trace(_ unit: PooledUnit) -> [Float] {
        let o = unit.channel * columns + (unit.column ?? 0), stride = channels * columns
        return (0..<windows).map { values[$0 * stride + o] }
    }
}
