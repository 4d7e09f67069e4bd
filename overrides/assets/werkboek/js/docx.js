/* A Word file (.docx, Office Open XML) made in the browser from a small document model, with no
 * library: the few XML parts Word and LibreOffice need, packed in a ZIP archive (stored, not
 * compressed). Nothing is sent anywhere.
 *
 *   Werkboek.docx.build({title, properties: {creator, subject, language}, blocks: [
 *     {type: "heading", level: 1-3, text}, {type: "paragraph", text, style: "note"|"empty"},
 *     {type: "list", items: [text]}, {type: "table", header: [text], rows: [[text]]},
 *     {type: "pagebreak"}]})  -> Uint8Array;  Werkboek.docx.blob(document) -> Blob
 *
 * The title opens the document (style Title) and is the file's title property. Text is plain:
 * line breaks stay line breaks, nothing in it is read as markup.
 */
(function () {
  "use strict";

  var Werkboek = window.Werkboek = window.Werkboek || {};
  if (Werkboek.docx) return;

  var MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  var W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  var HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  var PAGE_WIDTH = 11906, PAGE_HEIGHT = 16838, MARGIN = 1418; // A4, 2.5 cm margins (twentieths of a point)
  var TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
  var FONT = "Calibri"; // on every Windows PC; LibreOffice shows the metric-compatible Carlito
  var PARAGRAPH_STYLES = {note: "Note", empty: "Empty"};

  /* ---- XML ---- */

  /* Characters XML 1.0 cannot hold (control characters, lone surrogates) are dropped. */
  var INVALID = /[\uD800-\uDBFF][\uDC00-\uDFFF]|[\uD800-\uDFFF\uFFFE\uFFFF\x00-\x08\x0B\x0C\x0E-\x1F]/g;
  var ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;"};

  function escape(value) {
    return String(value === undefined || value === null ? "" : value)
      .replace(INVALID, function (match) { return match.length === 2 ? match : ""; })
      .replace(/[&<>"']/g, function (c) { return ENTITIES[c]; });
  }

  /* One run of text; each line break becomes <w:br/>, each tab <w:tab/>. */
  function run(text, properties) {
    var lines = escape(text).split(/\r\n|\r|\n/).map(function (line) {
      return line.split("\t").map(function (part) {
        return part ? '<w:t xml:space="preserve">' + part + "</w:t>" : "";
      }).join("<w:tab/>");
    });
    return "<w:r>" + (properties ? "<w:rPr>" + properties + "</w:rPr>" : "") + lines.join("<w:br/>") + "</w:r>";
  }

  function paragraph(text, style, runProperties) {
    return "<w:p>" + (style ? '<w:pPr><w:pStyle w:val="' + style + '"/></w:pPr>' : "") +
      run(text, runProperties) + "</w:p>";
  }

  /* A table with its header row repeated on each page. An empty paragraph follows: Word would join
   * two tables that touch, and a table without rows is not allowed, so none is written. */
  function table(block) {
    var header = block.header || [];
    var rows = block.rows || [];
    if (!header.length && !rows.length) return "";
    var columns = rows.reduce(function (most, cells) { return Math.max(most, cells.length); }, Math.max(1, header.length));
    var width = Math.floor(TEXT_WIDTH / columns);
    function row(cells, isHeader) {
      var xml = "<w:tr>" + (isHeader ? "<w:trPr><w:tblHeader/></w:trPr>" : "");
      for (var i = 0; i < columns; i++) {
        xml += '<w:tc><w:tcPr><w:tcW w:w="' + width + '" w:type="dxa"/></w:tcPr>' +
          paragraph(cells[i], null, isHeader ? "<w:b/>" : null) + "</w:tc>";
      }
      return xml + "</w:tr>";
    }
    var grid = "";
    for (var i = 0; i < columns; i++) grid += '<w:gridCol w:w="' + width + '"/>';
    return '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="' + width * columns +
      '" w:type="dxa"/></w:tblPr><w:tblGrid>' +
      grid + "</w:tblGrid>" + (header.length ? row(header, true) : "") +
      rows.map(function (cells) { return row(cells, false); }).join("") + "</w:tbl><w:p/>";
  }

  var BLOCKS = {
    heading: function (block) {
      var level = Math.min(3, Math.max(1, Number(block.level) || 1));
      return paragraph(block.text, "Heading" + level);
    },
    paragraph: function (block) {
      return paragraph(block.text, PARAGRAPH_STYLES[block.style] || null);
    },
    list: function (block) {
      return (block.items || []).map(function (item) { return paragraph(item, "ListBullet"); }).join("");
    },
    table: table,
    pagebreak: function () { return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'; }
  };

  function documentXml(model) {
    var body = model.title ? paragraph(model.title, "Title") : "";
    (model.blocks || []).forEach(function (block) {
      var write = BLOCKS[block && block.type];
      if (!write) throw new Error("docx: unknown block type " + (block && block.type));
      body += write(block);
    });
    return HEAD + "<w:document " + W + "><w:body>" + body +
      '<w:sectPr><w:pgSz w:w="' + PAGE_WIDTH + '" w:h="' + PAGE_HEIGHT + '"/><w:pgMar w:top="' + MARGIN +
      '" w:right="' + MARGIN + '" w:bottom="' + MARGIN + '" w:left="' + MARGIN +
      '" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr></w:body></w:document>';
  }

  /* A paragraph style: id, name, paragraph properties, run properties. */
  function style(id, name, pPr, rPr) {
    return '<w:style w:type="paragraph" w:styleId="' + id + '"><w:name w:val="' + name + '"/>' +
      '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr>' + pPr + "</w:pPr><w:rPr>" + rPr +
      "</w:rPr></w:style>";
  }

  function heading(level, size) {
    return style("Heading" + level, "heading " + level,
      '<w:keepNext/><w:keepLines/><w:spacing w:before="' + (level === 1 ? 360 : 240) + '" w:after="80"/><w:outlineLvl w:val="' + (level - 1) + '"/>',
      '<w:b/><w:color w:val="1F3864"/><w:sz w:val="' + size + '"/>');
  }

  function stylesXml(language) {
    var border = ["top", "left", "bottom", "right", "insideH", "insideV"].map(function (side) {
      return "<w:" + side + ' w:val="single" w:sz="4" w:space="0" w:color="808080"/>';
    }).join("");
    return HEAD + "<w:styles " + W + "><w:docDefaults><w:rPrDefault><w:rPr>" +
      '<w:rFonts w:ascii="' + FONT + '" w:hAnsi="' + FONT + '" w:eastAsia="' + FONT + '" w:cs="' + FONT + '"/>' +
      '<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="' + language + '"/></w:rPr></w:rPrDefault>' +
      '<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>' +
      '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>' +
      style("Title", "Title", '<w:spacing w:after="240"/>', '<w:b/><w:color w:val="1F3864"/><w:sz w:val="40"/>') +
      heading(1, 32) + heading(2, 26) + heading(3, 24) +
      style("ListBullet", "List Bullet", '<w:numPr><w:numId w:val="1"/></w:numPr><w:spacing w:after="40"/>', "") +
      style("Note", "Note", "", '<w:color w:val="595959"/><w:sz w:val="20"/>') +
      style("Empty", "Empty", "", '<w:i/><w:color w:val="595959"/>') +
      '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr>' +
      '<w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>' +
      '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>' +
      '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/>' +
      '<w:pPr><w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/></w:pPr>' +
      "<w:tblPr><w:tblBorders>" + border + "</w:tblBorders></w:tblPr></w:style></w:styles>";
  }

  var NUMBERING = HEAD + "<w:numbering " + W + '><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/>' +
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\u2022"/><w:lvlJc w:val="left"/>' +
    '<w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>' +
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>';

  var PACKAGE_NS = "http://schemas.openxmlformats.org/package/2006/";
  var OFFICE_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

  function relationships(list) {
    return HEAD + '<Relationships xmlns="' + PACKAGE_NS + 'relationships">' + list.map(function (r, i) {
      return '<Relationship Id="rId' + (i + 1) + '" Type="' + r[0] + '" Target="' + r[1] + '"/>';
    }).join("") + "</Relationships>";
  }

  function contentTypes() {
    var main = "application/vnd.openxmlformats-officedocument.wordprocessingml.";
    function override(part, type) { return '<Override PartName="/' + part + '" ContentType="' + type + '"/>'; }
    return HEAD + '<Types xmlns="' + PACKAGE_NS + 'content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      override("word/document.xml", main + "document.main+xml") + override("word/styles.xml", main + "styles+xml") +
      override("word/numbering.xml", main + "numbering+xml") +
      override("docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml") + "</Types>";
  }

  function coreXml(model, language, now) {
    var properties = model.properties || {};
    function element(name, value) { return value ? "<" + name + ">" + escape(value) + "</" + name + ">" : ""; }
    var stamp = now.toISOString().replace(/\.\d{3}Z$/, "Z");
    return HEAD + '<cp:coreProperties xmlns:cp="' + PACKAGE_NS + 'metadata/core-properties" ' +
      'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      element("dc:title", model.title) + element("dc:subject", properties.subject) +
      element("dc:creator", properties.creator) + element("dc:language", language) +
      '<dcterms:created xsi:type="dcterms:W3CDTF">' + stamp + "</dcterms:created>" +
      '<dcterms:modified xsi:type="dcterms:W3CDTF">' + stamp + "</dcterms:modified></cp:coreProperties>";
  }

  /* ---- ZIP (stored entries, UTF-8 names, CRC-32, DOS date and time) ---- */

  var CRC_TABLE = (function () {
    var table = new Uint32Array(256);
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
    return table;
  })();

  function crc32(bytes) {
    var crc = 0xFFFFFFFF;
    for (var i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xFF] ^ (crc >>> 8);
    return (crc ^ 0xFFFFFFFF) >>> 0;
  }

  /* files: [[name, text]] -> the bytes of a ZIP archive. */
  function zip(files, now) {
    var encoder = new TextEncoder();
    var time = (now.getHours() << 11) | (now.getMinutes() << 5) | (now.getSeconds() >> 1);
    var date = ((Math.max(1980, now.getFullYear()) - 1980) << 9) | ((now.getMonth() + 1) << 5) | now.getDate();
    var entries = files.map(function (file) {
      var data = encoder.encode(file[1]);
      return {name: encoder.encode(file[0]), data: data, crc: crc32(data)};
    });
    var size = 22;
    entries.forEach(function (e) { size += 30 + 46 + 2 * e.name.length + e.data.length; });
    var out = new Uint8Array(size);
    var view = new DataView(out.buffer);
    var at = 0;
    function u16(value) { view.setUint16(at, value, true); at += 2; }
    function u32(value) { view.setUint32(at, value, true); at += 4; }
    function bytes(array) { out.set(array, at); at += array.length; }
    /* The fields local and central headers share: version, UTF-8 flag, stored, time, date, CRC, sizes, name length. */
    function common(e) { u16(20); u16(0x0800); u16(0); u16(time); u16(date); u32(e.crc); u32(e.data.length); u32(e.data.length); u16(e.name.length); }
    entries.forEach(function (e) {
      e.offset = at;
      u32(0x04034B50); common(e); u16(0); bytes(e.name); bytes(e.data);
    });
    var central = at;
    entries.forEach(function (e) {
      u32(0x02014B50); u16(20); common(e); u16(0); u16(0); u16(0); u16(0); u32(0); u32(e.offset); bytes(e.name);
    });
    var centralSize = at - central;
    u32(0x06054B50); u16(0); u16(0); u16(entries.length); u16(entries.length);
    u32(centralSize); u32(central); u16(0);
    return out;
  }

  /* ---- the package ---- */

  function build(model) {
    model = model || {};
    var language = (model.properties || {}).language || "nl-NL";
    var now = new Date();
    return zip([
      ["[Content_Types].xml", contentTypes()],
      ["_rels/.rels", relationships([
        [OFFICE_NS + "officeDocument", "word/document.xml"],
        [PACKAGE_NS + "relationships/metadata/core-properties", "docProps/core.xml"]])],
      ["word/document.xml", documentXml(model)],
      ["word/_rels/document.xml.rels", relationships([[OFFICE_NS + "styles", "styles.xml"], [OFFICE_NS + "numbering", "numbering.xml"]])],
      ["word/styles.xml", stylesXml(escape(language))],
      ["word/numbering.xml", NUMBERING],
      ["docProps/core.xml", coreXml(model, language, now)]
    ], now);
  }

  function blob(model) { return new Blob([build(model)], {type: MIME}); }

  Werkboek.docx = {build: build, blob: blob, MIME: MIME};
})();
