/// The stylesheet embedded in every HTML report.
///
/// Readable on screen and in print: text columns are held to about 70 characters while figures and
/// tables may use the full page width (1100 px); system sans-serif with DejaVu Sans as the Linux
/// fallback (no web fonts, nothing fetched); zebra-striped tables with tabular numerals; numbered
/// captions; a table of contents at the top that becomes a fixed sidebar on very wide screens;
/// red error callouts; page breaks kept out of figures, tables and callouts when printing.
public enum ReportStyle {
    public static let css = """
    :root {
      --text: #1f2328; --muted: #59636e; --rule: #d1d9e0; --zebra: #f6f8fa; --accent: #0b57a4;
      --code-bg: #f3f4f6; --info: #0b57a4; --info-bg: #eef4fb; --warn: #9a5b00; --warn-bg: #fff8e1;
      --error: #b42318; --error-bg: #fdeceb;
      color-scheme: light;
    }
    * { box-sizing: border-box; }
    html { font-size: 16px; -webkit-text-size-adjust: 100%; }
    body {
      margin: 0 auto; padding: 2.5rem 1.5rem 3rem; max-width: 1100px; background: #fff; color: var(--text);
      font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", "Helvetica Neue", Arial, sans-serif;
      line-height: 1.55;
    }
    p, ul, ol, dl, h1, h2, h3, h4, h5, h6, figcaption, .callout, .figure-missing { max-width: 70ch; }
    h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 2rem 0 .75rem; font-weight: 650; }
    h1 { font-size: 2rem; margin-top: 0; }
    h2 { font-size: 1.5rem; padding-top: 1.25rem; border-top: 1px solid var(--rule); max-width: none; }
    h3 { font-size: 1.2rem; }
    h4 { font-size: 1.05rem; }
    .secno { color: var(--muted); font-variant-numeric: tabular-nums; margin-right: .35em; }
    a { color: var(--accent); }
    a.anchor { visibility: hidden; color: var(--muted); text-decoration: none; font-weight: 400; margin-left: .25em; }
    h2:hover a.anchor, h3:hover a.anchor, h4:hover a.anchor, h5:hover a.anchor { visibility: visible; }
    .title-block { margin-bottom: 1.5rem; }
    dl.meta {
      display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1.25rem; margin: 0;
      color: var(--muted); font-size: .92rem;
    }
    dl.meta dt { font-weight: 600; }
    dl.meta dd { margin: 0; }
    nav.toc {
      max-width: 70ch; margin: 1.5rem 0 2rem; padding: .9rem 1.25rem; background: var(--zebra);
      border: 1px solid var(--rule); border-radius: 6px; font-size: .95rem;
    }
    nav.toc h2 { font-size: 1rem; margin: 0 0 .4rem; padding: 0; border: 0; text-transform: uppercase;
      letter-spacing: .05em; color: var(--muted); }
    nav.toc ol { list-style: none; margin: 0; padding-left: 0; }
    nav.toc ol ol { padding-left: 0; font-size: .95em; }
    nav.toc li { margin: .15rem 0; padding-left: 1.9em; text-indent: -1.9em; }
    nav.toc a { text-decoration: none; }
    nav.toc a:hover { text-decoration: underline; }
    figure { margin: 1.75rem 0; }
    figure img { display: block; max-width: 100%; height: auto; border: 1px solid var(--rule); }
    figcaption { margin-top: .5rem; font-size: .92rem; }
    .label { font-weight: 650; }
    .files { color: var(--muted); white-space: nowrap; }
    .figure-missing {
      padding: 2rem 1rem; border: 2px dashed var(--error); color: var(--error); background: var(--error-bg);
      text-align: center;
    }
    .table-wrap { margin: 1.25rem 0; overflow-x: auto; }
    table { border-collapse: collapse; font-size: .92rem; font-variant-numeric: tabular-nums; }
    caption { caption-side: top; text-align: left; padding: 0 0 .45rem; max-width: min(70ch, calc(100vw - 3rem)); }
    th, td { padding: .35rem .75rem; text-align: left; vertical-align: top; border-bottom: 1px solid var(--rule); }
    thead th { border-bottom: 2px solid #8c959f; font-weight: 650; }
    td, th { overflow-wrap: break-word; }
    table.wide th, table.wide td { padding: .35rem .45rem; }
    tbody tr:nth-child(even) { background: var(--zebra); }
    th.r, td.r { text-align: right; }
    th.c, td.c { text-align: center; }
    .changed { background: #ffe8b0; color: #1f2328; border-bottom: 2px solid #b36b00; padding: 0 .2em; }
    .changed-mark { font-size: .72em; font-weight: 600; letter-spacing: .04em; text-transform: uppercase; color: #7a4500; }
    code, pre { font-family: "DejaVu Sans Mono", ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
    code { font-size: .88em; background: var(--code-bg); padding: .05em .3em; border-radius: 3px; }
    pre { font-size: .85rem; line-height: 1.45; background: var(--code-bg); padding: .75rem 1rem;
      border-radius: 4px; overflow-x: auto; }
    pre code { background: none; padding: 0; font-size: inherit; }
    dl.definitions dt { font-weight: 650; margin-top: .5rem; }
    dl.definitions dd { margin: 0 0 0 1.5rem; }
    .callout { margin: 1.25rem 0; padding: .7rem 1rem; border-left: 4px solid; border-radius: 0 4px 4px 0; }
    .callout p { margin: .35rem 0; }
    .callout-title { font-weight: 700; }
    .callout pre { background: rgba(255, 255, 255, .65); }
    .callout-info { border-color: var(--info); background: var(--info-bg); }
    .callout-info .callout-title { color: var(--info); }
    .callout-warning { border-color: var(--warn); background: var(--warn-bg); }
    .callout-warning .callout-title { color: var(--warn); }
    .callout-error { border-color: var(--error); background: var(--error-bg); }
    .callout-error .callout-title { color: var(--error); }
    footer.colophon { margin-top: 3rem; padding-top: .75rem; border-top: 1px solid var(--rule);
      color: var(--muted); font-size: .85rem; }
    @media (min-width: 1640px) {
      nav.toc { position: fixed; top: 2.5rem; left: 1.5rem; width: 16rem; max-height: calc(100vh - 5rem);
        overflow-y: auto; margin: 0; }
    }
    @media print {
      figure img { width: var(--print-width, auto) !important; }
      @page { margin: 16mm 15mm; }
      body { max-width: none; padding: 0; font-size: 10.5pt; }
      nav.toc { position: static; width: auto; max-height: none; background: none; }
      a { color: inherit; text-decoration: none; }
      a.anchor { display: none; }
      figure, .table-wrap, .callout, pre { break-inside: avoid; }
      h1, h2, h3, h4 { break-after: avoid; }
      tbody tr:nth-child(even) { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    }

    """
}
