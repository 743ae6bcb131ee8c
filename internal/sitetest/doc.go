// Package sitetest checks the built HTML site with real outside tools: a
// headless Chromium drives the pages from file:// (search, filters, phone
// width, no console errors), axe-core checks their accessibility and the Nu
// HTML Checker (vnu) checks their HTML and CSS.
//
// The package holds only tests. Each test looks for its tool and skips when
// the tool is missing, unless CATALOG_REQUIRE_TOOLS=1 (as in CI), which
// turns the skip into a failure:
//
//   - chromium or chromium-browser on PATH;
//   - java on PATH, and the vnu jar at $CATALOG_VNU_JAR, else
//     node_modules/vnu-jar/build/dist/vnu.jar in the repository;
//   - axe-core at $CATALOG_AXE_JS, else node_modules/axe-core/axe.min.js in
//     the repository.
//
// `npm install --prefix DIR vnu-jar axe-core` installs both files.
package sitetest
