/**
 * The rules of Grafana's plugin validator (github.com/grafana/plugin-validator,
 * pkg/analysis/passes/<analyzer>) that can be checked offline on an archive, each under the
 * validator's own analyzer and rule name so a finding reads the same as in its report. The
 * validator itself is not on the Go module proxy and its npm wrapper downloads a release binary,
 * which this workspace cannot fetch. Rules that ask grafana.com (org, published version, broken
 * links) or scan source code (codediff, coderules, osv-scanner) are left to the catalogue's review.
 */

export interface ArchiveProblem {
  analyzer: string;
  rule: string;
  severity: 'error' | 'warning';
  message: string;
}

/** Reads an entry of the archive (undefined for a folder or a missing path). */
export type ReadEntry = (path: string) => Uint8Array | undefined;

const text = (bytes: Uint8Array | undefined) => (bytes === undefined ? undefined : new TextDecoder().decode(bytes));

/** semver 2.0 (https://semver.org/#is-there-a-suggested-regular-expression-regex-to-check-a-semver-string). */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
/** One comparison of a Masterminds/semver constraint: `>=12.4.0`, `^11`, `~12.4`, `12.x`. */
const CONSTRAINT = /^(?:>=|<=|>|<|=|!=|\^|~)?\s*v?\d+(?:\.(?:\d+|[xX*]))?(?:\.(?:\d+|[xX*]))?(?:-[0-9A-Za-z.-]+)?$/;
/** The licenses the license analyzer accepts: BSD, MIT, Apache 2.0, LGPL3, GPL3, AGPL3. */
const LICENSES: readonly [string, RegExp][] = [
  ['Apache-2.0', /Apache License\s+Version 2\.0/],
  ['MIT', /Permission is hereby granted, free of charge/],
  ['BSD', /Redistribution and use in source and binary forms/],
  ['GPL-3.0', /GNU (?:AFFERO |LESSER )?GENERAL PUBLIC LICENSE\s+Version 3/],
];
/** unsafesvg: what lets an SVG run script or pull content in when Grafana shows it as a logo. */
const UNSAFE_SVG = /<script|<foreignObject|\son[a-z]+\s*=|(?:href|src)\s*=\s*["']\s*(?:javascript|data|https?):/i;

/**
 * Every rule the archive breaks. `entries` are the zip's paths (folders end in "/"), as
 * `<plugin-id>/…`. An empty list means the catalogue's offline checks pass.
 */
export function archiveProblems(entries: readonly string[], read: ReadEntry): ArchiveProblem[] {
  const problems: ArchiveProblem[] = [];
  const report = (analyzer: string, rule: string, severity: ArchiveProblem['severity'], message: string) =>
    problems.push({ analyzer, rule, severity, message });

  // archive: one root folder, no dist/ inside it.
  const roots = [...new Set(entries.map((e) => e.split('/')[0]!))];
  if (entries.length === 0) {
    report('archive', 'empty-archive', 'error', 'Archive is empty');
    return problems;
  }
  if (roots.length !== 1) {
    report('archive', 'more-than-one-dir', 'error', `Archive contains more than one directory: ${roots.join(', ')}`);
    return problems;
  }
  const root = roots[0]!;
  if (!entries.some((e) => e.startsWith(`${root}/`))) {
    report('archive', 'no-root-dir', 'error', 'archive does not contain a root directory');
    return problems;
  }
  if (entries.some((e) => e.startsWith(`${root}/dist/`))) {
    report('archive', 'dist', 'error', 'dist should be renamed to plugin id and moved to root');
  }
  const at = (file: string) => read(`${root}/${file}`);
  const has = (file: string) => entries.includes(`${root}/${file}`);

  // metadata, metadatavalid: plugin.json at the root, with the fields the schema requires.
  const metaText = text(at('plugin.json'));
  if (metaText === undefined) {
    report('metadata', 'missing-metadata', 'error', 'missing plugin.json');
    return problems;
  }
  let meta: Record<string, unknown>;
  try {
    meta = JSON.parse(metaText) as Record<string, unknown>;
  } catch (e) {
    report('metadatavalid', 'invalid-metadata', 'error', `plugin.json: ${(e as Error).message}`);
    return problems;
  }
  const info = (meta.info ?? {}) as Record<string, unknown>;
  const logos = (info.logos ?? {}) as Record<string, unknown>;
  const deps = (meta.dependencies ?? {}) as Record<string, unknown>;
  for (const [field, value] of [
    ['id', meta.id],
    ['type', meta.type],
    ['name', meta.name],
    ['info.version', info.version],
    ['info.updated', info.updated],
    ['dependencies.grafanaDependency', deps.grafanaDependency],
  ] as const) {
    if (typeof value !== 'string' || value === '') {
      report('metadatavalid', 'invalid-metadata', 'error', `plugin.json: ${field} is required`);
    }
  }
  const id = String(meta.id ?? '');
  const type = String(meta.type ?? '');

  // archivename: the root folder is the plugin id.
  if (root !== id)
    report('archivename', 'no-ident-root-dir', 'error', `Archive should contain a directory named ${id}`);
  // typesuffix: a panel's id ends in -panel.
  if (type !== '' && !id.endsWith(`-${type}`)) {
    report(
      'typesuffix',
      'plugin-type-suffix',
      'error',
      `plugin.json: plugin id should end with plugin type (-${type})`,
    );
  }
  // version: semver.
  if (typeof info.version === 'string' && !SEMVER.test(info.version)) {
    report('version', 'wrong-plugin-version', 'error', `Plugin version "${info.version}" is invalid.`);
  }
  // grafanadependency: a valid constraint; restrictivedep: not one patch line only.
  const dep = typeof deps.grafanaDependency === 'string' ? deps.grafanaDependency.trim() : '';
  const parts = dep.split(/\s*(?:\|\||,|\s)\s*/).filter((p) => p !== '');
  if (dep !== '' && !parts.every((p) => CONSTRAINT.test(p))) {
    report(
      'grafanadependency',
      'invalid-grafana-dependency',
      'error',
      `plugin.json: grafanaDependency ${JSON.stringify(dep)} is not a version constraint`,
    );
  }
  if (/^(?:~|=)?\s*\d+\.\d+(?:\.(?:\d+|x))?$/.test(dep) && !dep.startsWith('>')) {
    report(
      'restrictivedep',
      'depends-on-patch-releases',
      'warning',
      `plugin.json: grafanaDependency only targets patch releases of Grafana ${dep}`,
    );
  }

  // logos, metadatapaths: both logos set, relative without a leading "." or "/", and in the archive.
  const screenshots = Array.isArray(info.screenshots) ? (info.screenshots as { path?: unknown }[]) : [];
  const paths: [string, unknown][] = [
    ['small logo', logos.small],
    ['large logo', logos.large],
    ...screenshots.map((s): [string, unknown] => ['screenshot', s?.path]),
  ];
  for (const [kind, p] of paths) {
    if (typeof p !== 'string' || p === '') {
      report('logos', 'logos', 'error', `plugin.json: invalid empty ${kind} path`);
    } else if (/^[a-z][a-z0-9+.-]*:/i.test(p)) {
      report(
        'metadatapaths',
        'path-relative-to-metadata',
        'error',
        `plugin.json: ${kind} path should be relative to plugin.json: ${p}`,
      );
    } else if (p.startsWith('.') || p.startsWith('/')) {
      report(
        'metadatapaths',
        'invalid-relative-path',
        'error',
        `plugin.json: relative ${kind} path should not start with '.' or '/': ${p}`,
      );
    } else if (!has(p)) {
      report('metadatapaths', 'path-not-exists', 'error', `plugin.json: ${kind} path doesn't exists: ${p}`);
    }
  }
  // screenshots: the catalogue shows them; none is a warning.
  if (screenshots.length === 0) {
    report('screenshots', 'screenshots', 'warning', 'plugin.json: should include screenshots for the Plugin catalog');
  }

  // modulejs, jssourcemap: the entry point and its source map.
  if (!has('module.js'))
    report('modulejs', 'missing-modulejs', 'error', 'Your plugin must have a module.js file to be loaded by Grafana.');
  const map = text(at('module.js.map'));
  if (map === undefined) {
    report('jssourcemap', 'js-map-not-found', 'error', 'missing module.js.map');
  } else {
    try {
      const parsed = JSON.parse(map) as { sources?: unknown };
      if (!Array.isArray(parsed.sources) || parsed.sources.length === 0) throw new Error('no sources');
    } catch (e) {
      report('jssourcemap', 'js-map-invalid', 'error', `module.js.map is not a source map: ${(e as Error).message}`);
    }
  }

  // readme, changelog, license.
  const readme = text(at('README.md'));
  if (readme === undefined) {
    report('readme', 'missing-readme', 'error', 'A README.md file is required for plugins.');
  } else if (readme.includes('<!--')) {
    report('readme', 'readme-comment', 'warning', 'README.md contains comment(s).');
  }
  const changelog = text(at('CHANGELOG.md'));
  if (changelog === undefined || changelog.trim() === '') {
    report(
      'changelog',
      'missing-changelog',
      'warning',
      changelog === undefined ? 'missing CHANGELOG.md' : 'CHANGELOG.md is empty',
    );
  }
  const license = text(at('LICENSE')) ?? text(at('LICENSE.md')) ?? text(at('LICENSE.txt'));
  if (license === undefined) {
    report('license', 'license-not-provided', 'error', 'LICENSE file not found');
  } else if (!LICENSES.some(([, re]) => re.test(license))) {
    report('license', 'license-not-valid', 'error', 'LICENSE is none of BSD, MIT, Apache 2.0, LGPL3, GPL3, AGPL3');
  }

  // unsafesvg: every SVG in the archive.
  for (const e of entries.filter((e) => e.toLowerCase().endsWith('.svg'))) {
    if (UNSAFE_SVG.test(text(read(e)) ?? ''))
      report('unsafesvg', 'unsafe-svg-file', 'error', `SVG file ${e} is unsafe`);
  }
  // signature: unsigned until @grafana/sign-plugin writes MANIFEST.txt; expected here.
  if (!has('MANIFEST.txt'))
    report('signature', 'unsigned-plugin', 'warning', 'MANIFEST.txt not found (unsigned plugin)');
  return problems;
}
