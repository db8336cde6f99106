/// The DFT plans and grids every BN-CNN computation shares (see `DFTGrid` for why the grids are
/// exactly the input sizes: H × W for conv1, H1 × W1 for conv2).
struct ConvolutionPlans: Sendable {
    let architecture: BNCNNArchitecture
    /// Conv1 grid, `height × width`.
    let grid1: DFTGrid
    /// Conv2 grid, `layer1Height × layer1Width`.
    let grid2: DFTGrid
    /// Stimulus frame (H × W) → spectrum on grid 1.
    let frameForward: ForwardRealDFT
    /// Spectrum on grid 1 → layer-1 map (H1 × W1).
    let layer1Inverse: InverseRealDFT
    /// Layer-1 map or its gradient (H1 × W1) → spectrum on grid 1 (conv1 backward).
    let layer1ForwardOnGrid1: ForwardRealDFT
    /// Spectrum on grid 1 → input-frame gradient (H × W).
    let frameInverse: InverseRealDFT
    /// Layer-1 activation (H1 × W1) → spectrum on grid 2.
    let layer1ForwardOnGrid2: ForwardRealDFT
    /// Spectrum on grid 2 → layer-2 map (H2 × W2).
    let layer2Inverse: InverseRealDFT
    /// Layer-2 gradient (H2 × W2) → spectrum on grid 2.
    let layer2Forward: ForwardRealDFT
    /// Spectrum on grid 2 → layer-1 activation gradient (H1 × W1).
    let layer1InverseOnGrid2: InverseRealDFT
    /// Conv1 kernel (K1 × K1) → spectrum on grid 1, and back (weight gradient).
    let kernel1Forward: ForwardRealDFT
    let kernel1Inverse: InverseRealDFT
    /// Conv2 kernel (K2 × K2) → spectrum on grid 2, and back.
    let kernel2Forward: ForwardRealDFT
    let kernel2Inverse: InverseRealDFT

    init(_ a: BNCNNArchitecture) {
        architecture = a
        let g1 = DFTGrid(height: a.height, width: a.width)
        let g2 = DFTGrid(height: a.layer1Height, width: a.layer1Width)
        grid1 = g1; grid2 = g2
        frameForward = ForwardRealDFT(grid: g1, inputRows: a.height, inputCols: a.width)
        layer1Inverse = InverseRealDFT(grid: g1, outputRows: a.layer1Height, outputCols: a.layer1Width)
        layer1ForwardOnGrid1 = ForwardRealDFT(grid: g1, inputRows: a.layer1Height, inputCols: a.layer1Width)
        frameInverse = InverseRealDFT(grid: g1, outputRows: a.height, outputCols: a.width)
        layer1ForwardOnGrid2 = ForwardRealDFT(grid: g2, inputRows: a.layer1Height, inputCols: a.layer1Width)
        layer2Inverse = InverseRealDFT(grid: g2, outputRows: a.layer2Height, outputCols: a.layer2Width)
        layer2Forward = ForwardRealDFT(grid: g2, inputRows: a.layer2Height, inputCols: a.layer2Width)
        layer1InverseOnGrid2 = InverseRealDFT(grid: g2, outputRows: a.layer1Height, outputCols: a.layer1Width)
        kernel1Forward = ForwardRealDFT(grid: g1, inputRows: a.conv1Kernel, inputCols: a.conv1Kernel)
        kernel1Inverse = InverseRealDFT(grid: g1, outputRows: a.conv1Kernel, outputCols: a.conv1Kernel)
        kernel2Forward = ForwardRealDFT(grid: g2, inputRows: a.conv2Kernel, inputCols: a.conv2Kernel)
        kernel2Inverse = InverseRealDFT(grid: g2, outputRows: a.conv2Kernel, outputCols: a.conv2Kernel)
    }

    /// Scratch floats enough for any plan's `transform`.
    var scratchCount: Int {
        [frameForward.scratchCount, layer1Inverse.scratchCount, layer1ForwardOnGrid1.scratchCount,
         frameInverse.scratchCount, layer1ForwardOnGrid2.scratchCount, layer2Inverse.scratchCount,
         layer2Forward.scratchCount, layer1InverseOnGrid2.scratchCount, kernel1Forward.scratchCount,
         kernel1Inverse.scratchCount, kernel2Forward.scratchCount, kernel2Inverse.scratchCount].max()!
    }

    /// Spectra of the conv1 kernels on grid 1, blocked (`SpectrumBlocks`, M = C1·T, index c·T + τ).
    func conv1Spectra(_ weights: UnsafePointer<Float>, workspace: Workspace) -> [Float] {
        let a = architecture
        let maps = a.conv1Channels * a.historyFrames
        var out = [Float](repeating: 0, count: SpectrumBlocks(grid: grid1, count: maps).floats)
        out.withUnsafeMutableBufferPointer {
            blockedConv1Spectra(weights, into: $0.baseAddress!, maps: 0..<maps, workspace: workspace)
        }
        return out
    }

    /// Spectra of the conv2 kernels, `[C2][C1]` planar spectra on grid 2.
    func conv2Spectra(_ weights: UnsafePointer<Float>, scratch: FloatBuffer) -> [Float] {
        let a = architecture
        let maps = a.conv2Channels * a.conv1Channels
        var out = [Float](repeating: 0, count: maps * grid2.spectrumFloats)
        out.withUnsafeMutableBufferPointer {
            kernel2Forward.transform(maps: maps, input: weights, output: $0.baseAddress!,
                                     scratch: scratch.reserve(kernel2Forward.scratchCount))
        }
        return out
    }
}
