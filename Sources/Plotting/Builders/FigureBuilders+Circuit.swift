extension FigureBuilders {
    /// Id of the output node of built circuits.
    public static let circuitOutputID = "ganglion"

    /// Pathway nodes in a column on the left (top to bottom in input order, coloured by polarity and
    /// speed, each with its filter sparkline) converging on a ganglion-cell node with signed weighted
    /// edges (arrowheads excitatory, bars inhibitory, width ∝ |weight|, weight printed, followed by
    /// "÷ v" for a pathway that also divides the output).
    public static func circuitPanel(pathways: [CircuitPathway], outputLabel: String = "ganglion cell",
                                    title: String? = nil) throws -> CircuitDiagram {
        try require(!pathways.isEmpty, "circuitDiagram", "expected at least one pathway, found none")
        let n = pathways.count
        var nodes = pathways.enumerated().map { i, p in
            CircuitNode(id: "p\(i)", label: p.label, color: PathwayPalette.color(polarity: p.polarity, speed: p.speed),
                        filter: p.filter, x: 0, y: n > 1 ? Double(i) / Double(n - 1) : 0.5)
        }
        nodes.append(CircuitNode(id: circuitOutputID, label: outputLabel, role: .output, color: PathwayPalette.ganglion,
                                 x: 1, y: 0.5))
        let edges = pathways.enumerated().map { i, p in CircuitEdge(from: "p\(i)", to: circuitOutputID, weight: p.weight,
                                                                        divisiveGain: p.divisiveGain) }
        return CircuitDiagram(nodes: nodes, edges: edges, title: title)
    }

    public static func circuitDiagram(
        id: String, caption: String, pathways: [CircuitPathway], outputLabel: String = "ganglion cell",
        title: String? = nil, widthMillimetres: Double = FigureSpec.singleColumnMillimetres, heightMillimetres: Double = 50
    ) throws -> FigureSpec {
        let circuit = try circuitPanel(pathways: pathways, outputLabel: outputLabel, title: title)
        return FigureSpec(id: id, caption: caption, widthMillimetres: widthMillimetres, heightMillimetres: heightMillimetres,
                          grid: .uniform(rows: 1, columns: 1), panels: [Panel(.circuit(circuit), at: GridCell(row: 0, column: 0))])
    }
}
