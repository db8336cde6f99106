extension LayoutEngine {
    /// Margins around the plot area of `axes` in `frame`, and whether its legend goes outside.
    ///
    /// top = max(letter height, title height + padding, half a tick label); bottom = tick + padding +
    /// tick-label height (+ padding + axis-label height); left = tick + padding + widest y tick label
    /// (+ padding + axis-label height, or its width when horizontal); right = half the last x tick label
    /// (+ legend width when the legend goes outside).
    /// `frozenOutside`: an `.automatic` legend's outside/inside decision from an earlier pass, kept
    /// instead of deciding again (see ``LayoutEngine/layout(_:)``).
    func axesMargins(_ axes: Axes, frame: LayoutRect, topReserve: Double, style: FigureStyle,
                     isTop: Bool, isBottom: Bool, frozenOutside: Bool? = nil) -> (Margins, Bool) {
        let tickHeight = textHeight(style.tickLabelPoints)
        let labelHeight = textHeight(style.axisLabelPoints)
        let pad = style.labelPaddingPoints, tick = style.tickLengthPoints
        var m = Margins()
        let titleHeight = axes.title.map { _ in textHeight(style.titlePoints) + pad } ?? 0
        m.top = max(titleHeight, axes.y.isVisible ? tickHeight / 2 : 0)
        if isTop { m.top = max(m.top, topReserve) }

        if axes.x.isVisible {
            m.bottom = tick + pad + (axes.x.ticks == .none || !axes.x.showsTickLabels ? 0 : tickHeight)
                + (axes.x.displayLabel == nil ? 0 : pad + labelHeight)
        } else {
            m.bottom = axes.y.isVisible ? tickHeight / 2 : 0
        }

        let extent = axes.dataExtent()
        if axes.y.isVisible {
            let ySet = AxisResolver.resolve(axes.y, extent: extent.y, lengthPoints: max(frame.height - m.top - m.bottom, 1),
                                            horizontal: false)
            let widest = ySet.labels.map { textWidth($0, style.tickLabelPoints) }.max() ?? 0
            m.left = tick + (widest > 0 && axes.y.showsTickLabels ? pad + widest : 0)
            if let label = axes.y.displayLabel {
                m.left += pad + (axes.y.horizontalLabel ? textWidth(label, style.axisLabelPoints) : labelHeight)
            }
        } else if axes.y.horizontalLabel, let label = axes.y.displayLabel {
            m.left = pad + textWidth(label, style.axisLabelPoints)
        }
        if axes.x.isVisible, axes.x.showsTickLabels {
            let xSet = AxisResolver.resolve(axes.x, extent: extent.x, lengthPoints: max(frame.width - m.left - 6, 1),
                                            horizontal: true)
            let span = xSet.upper - xSet.lower
            if let first = xSet.values.first, abs(first - xSet.lower) <= span * 1e-6, let label = xSet.labels.first {
                m.left = max(m.left, textWidth(label, style.tickLabelPoints) / 2)
            }
            if let last = xSet.values.last, abs(last - xSet.upper) <= span * 1e-6, let label = xSet.labels.last {
                m.right = max(m.right, textWidth(label, style.tickLabelPoints) / 2)
            }
        }

        let entries = legendEntries(axes)
        var outside = false
        switch axes.legend.placement {
        case .outsideRight:
            outside = !entries.isEmpty
        case .automatic where !entries.isEmpty && frozenOutside != nil:
            outside = frozenOutside!
        case .automatic where !entries.isEmpty:
            let provisional = finalAxes(axes, plotRect: frame.inset(by: m), legendOutside: false, style: style,
                                        withLegend: false)
            outside = freeCorner(for: axes, in: provisional, style: style) == nil
        default:
            break
        }
        if outside {
            m.right += 2 * pad + legendSize(axes, style: style).width
        }
        return (m, outside)
    }

    /// The final layout of `axes` with its plot area at `plotRect`.
    func finalAxes(_ axes: Axes, plotRect area: LayoutRect, legendOutside: Bool, style: FigureStyle,
                   withLegend: Bool = true) -> AxesLayout {
        let extent = axes.dataExtent()
        let xSet = AxisResolver.resolve(axes.x, extent: extent.x, lengthPoints: area.width, horizontal: true)
        let ySet = AxisResolver.resolve(axes.y, extent: extent.y, lengthPoints: area.height, horizontal: false)
        let plotRect = axes.equalAspect ? Self.equalAspect(area, xSpan: xSet.upper - xSet.lower, ySpan: ySet.upper - ySet.lower) : area
        var layout = AxesLayout(
            plotRect: plotRect,
            x: AxisLayout(lower: xSet.lower, upper: xSet.upper, scale: axes.x.scale, isVisible: axes.x.isVisible,
                          ticks: [], label: nil),
            y: AxisLayout(lower: ySet.lower, upper: ySet.upper, scale: axes.y.scale, isVisible: axes.y.isVisible,
                          ticks: [], label: nil),
            title: nil, legend: nil)
        let pad = style.labelPaddingPoints, tick = style.tickLengthPoints
        let tickSize = style.tickLabelPoints, labelSize = style.axisLabelPoints, color = style.textColor

        if axes.x.isVisible {
            let labelTop = plotRect.maxY + tick + pad
            layout.x.ticks = zip(xSet.values, xSet.labels).map { value, text in
                let position = layout.xPosition(value)
                return PlacedTick(value: value, position: position,
                                  label: !axes.x.showsTickLabels ? nil : placed(text, at: LayoutPoint(x: position, y: labelTop), .center, .top,
                                                size: tickSize, color: color))
            }
            layout.x.label = axes.x.displayLabel.map {
                let top = labelTop + (xSet.values.isEmpty || !axes.x.showsTickLabels ? 0 : textHeight(tickSize) + pad)
                return placed($0, at: LayoutPoint(x: plotRect.midX, y: top), .center, .top, size: labelSize, color: color)
            }
        }
        if axes.y.isVisible {
            let labelRight = plotRect.minX - tick - pad
            layout.y.ticks = zip(ySet.values, ySet.labels).map { value, text in
                let position = layout.yPosition(value)
                return PlacedTick(value: value, position: position,
                                  label: !axes.y.showsTickLabels ? nil : placed(text, at: LayoutPoint(x: labelRight, y: position), .right, .middle,
                                                size: tickSize, color: color))
            }
            let widest = layout.y.ticks.compactMap { $0.label?.box.width }.max() ?? 0
            layout.y.label = axes.y.displayLabel.map {
                let x = labelRight - (widest > 0 ? widest + pad : 0)
                return placed($0, at: LayoutPoint(x: x, y: plotRect.midY), .right, .middle, size: labelSize,
                              rotated: !axes.y.horizontalLabel, color: color)
            }
        }
        if !axes.y.isVisible, axes.y.horizontalLabel, let label = axes.y.displayLabel {
            layout.y.label = placed(label, at: LayoutPoint(x: plotRect.minX - pad, y: plotRect.midY), .right, .middle,
                                    size: labelSize, color: color)
        }
        layout.title = axes.title.map {
            placed($0, at: LayoutPoint(x: plotRect.midX, y: plotRect.minY - pad), .center, .bottom,
                   size: style.titlePoints, color: color)
        }
        if withLegend {
            layout.legend = placeLegend(axes, in: layout, outside: legendOutside, style: style)
        }
        return layout
    }

    /// The largest rectangle inside `area`, centred, in which both data spans have the same scale.
    static func equalAspect(_ area: LayoutRect, xSpan: Double, ySpan: Double) -> LayoutRect {
        guard xSpan > 0, ySpan > 0, area.width > 0, area.height > 0 else { return area }
        let scale = min(area.width / xSpan, area.height / ySpan)
        let width = xSpan * scale, height = ySpan * scale
        return LayoutRect(x: area.midX - width / 2, y: area.midY - height / 2, width: width, height: height)
    }

    /// Margins of a stack: its members are planned on provisional frames (heights by weight); the stack
    /// takes the widest left/right margins, the first member's top and the last member's bottom.
    func stackPlan(_ stack: AxesStack, frame: LayoutRect, topReserve: Double, style: FigureStyle,
                   frozenLegends: [Bool]? = nil) -> PanelPlan {
        let n = stack.members.count
        guard n > 0 else {
            return PanelPlan(margins: Margins(top: topReserve), legendOutside: [], memberMargins: [],
                             participatesInColumns: false, participatesInRows: false)
        }
        let weights = normalizedWeights(stack, count: n)
        var y = frame.minY
        var members: [Margins] = []
        var outside: [Bool] = []
        for k in 0..<n {
            let height = frame.height * weights[k]
            let sub = LayoutRect(x: frame.minX, y: y, width: frame.width, height: height)
            y += height
            let frozen = frozenLegends.flatMap { k < $0.count ? $0[k] : nil }
            let (m, o) = axesMargins(stack.members[k], frame: sub, topReserve: k == 0 ? topReserve : 0, style: style,
                                     isTop: k == 0, isBottom: k == n - 1, frozenOutside: frozen)
            members.append(m)
            outside.append(o)
        }
        let margins = Margins(top: members[0].top, left: members.map(\.left).max() ?? 0,
                              bottom: members[n - 1].bottom, right: members.map(\.right).max() ?? 0)
        return PanelPlan(margins: margins, legendOutside: outside, memberMargins: members,
                         participatesInColumns: true, participatesInRows: true)
    }

    /// Splits the stack's plot region among its members: inner members keep their own top/bottom
    /// margins plus `gapPoints` between neighbours; the rest is shared in proportion to the weights.
    func finalStack(_ stack: AxesStack, region: LayoutRect, plan: PanelPlan, style: FigureStyle) -> [AxesLayout] {
        let n = stack.members.count
        guard n > 0, plan.memberMargins.count == n else { return [] }
        let weights = normalizedWeights(stack, count: n)
        var overhead = stack.gapPoints * Double(n - 1)
        for k in 0..<n {
            if k > 0 { overhead += plan.memberMargins[k].top }
            if k < n - 1 { overhead += plan.memberMargins[k].bottom }
        }
        let available = max(region.height - overhead, 0)
        var y = region.minY
        var layouts: [AxesLayout] = []
        for k in 0..<n {
            if k > 0 { y += plan.memberMargins[k].top }
            let height = available * weights[k]
            let rect = LayoutRect(x: region.minX, y: y, width: region.width, height: height)
            layouts.append(finalAxes(stack.members[k], plotRect: rect, legendOutside: plan.legendOutside[k], style: style))
            y += height
            if k < n - 1 { y += plan.memberMargins[k].bottom + stack.gapPoints }
        }
        return layouts
    }

    func normalizedWeights(_ stack: AxesStack, count n: Int) -> [Double] {
        let raw = (0..<n).map { $0 < stack.heightWeights.count ? max(stack.heightWeights[$0], 0) : 1 }
        let total = raw.reduce(0, +)
        return total > 0 ? raw.map { $0 / total } : Array(repeating: 1 / Double(n), count: n)
    }
}
