// The search's stems, as the build makes them (internal/stem): a port of
// the Snowball stemmers of Spanish and English of
// github.com/kljensen/snowball v0.10.0, step for step and quirk for quirk,
// then case and accents folded. A browser test holds it equal to the Go
// stemmer over every word of the sample catalog (internal/sitetest).
// Words are arrays of code points, as the Go code's []rune.
(function () {
  "use strict";

  function runes(s) { return Array.from(s); }

  // utf8Len: the stemmers leave words of two bytes or fewer alone.
  function utf8Len(s) {
    var n = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if (c >= 0xd800 && c <= 0xdbff) { n += 4; i++; }
      else n += 3;
    }
    return n;
  }

  // Word mirrors snowballword.SnowballWord.
  function Word(s) {
    this.rs = runes(s);
    this.r1 = this.rs.length;
    this.r2 = this.rs.length;
    this.rv = this.rs.length;
  }
  Word.prototype.toString = function () { return this.rs.join(""); };
  Word.prototype.reset = function () {
    var n = this.rs.length;
    if (this.r1 > n) this.r1 = n;
    if (this.r2 > n) this.r2 = n;
    if (this.rv > n) this.rv = n;
  };
  Word.prototype.removeLast = function (n) {
    this.rs = this.rs.slice(0, this.rs.length - n);
    this.reset();
  };
  Word.prototype.replaceSuffix = function (suffix, repl) {
    var keep = this.rs.length - runes(suffix).length;
    this.rs = this.rs.slice(0, keep).concat(runes(repl));
    this.reset();
  };
  Word.prototype.hasSuffixIn = function (start, end, suffix) {
    var sr = runes(suffix);
    var maxLen = end - start;
    if (sr.length > maxLen) return false;
    for (var i = 0; i < sr.length; i++) {
      if (this.rs[end - i - 1] !== sr[sr.length - i - 1]) return false;
    }
    return true;
  };
  // firstSuffixIfIn: the first suffix the word ends with (before end),
  // if it starts at or after start; else "".
  Word.prototype.firstSuffixIfIn = function (start, end, suffixes) {
    for (var i = 0; i < suffixes.length; i++) {
      if (this.hasSuffixIn(0, end, suffixes[i])) {
        return end - runes(suffixes[i]).length >= start ? suffixes[i] : "";
      }
    }
    return "";
  };
  // firstSuffixIn: the first suffix found within [start, end).
  Word.prototype.firstSuffixIn = function (start, end, suffixes) {
    for (var i = 0; i < suffixes.length; i++) {
      if (this.hasSuffixIn(start, end, suffixes[i])) return suffixes[i];
    }
    return "";
  };
  Word.prototype.firstSuffix = function (suffixes) {
    return this.firstSuffixIfIn(0, this.rs.length, suffixes);
  };
  Word.prototype.removeFirstSuffixIfIn = function (start, suffixes) {
    var s = this.firstSuffixIfIn(start, this.rs.length, suffixes);
    if (s !== "") this.removeLast(runes(s).length);
    return s;
  };
  Word.prototype.firstPrefix = function (prefixes) {
    for (var i = 0; i < prefixes.length; i++) {
      var p = runes(prefixes[i]);
      if (p.length > this.rs.length) continue;
      var found = true;
      for (var j = 0; j < p.length; j++) {
        if (this.rs[j] !== p[j]) { found = false; break; }
      }
      if (found) return prefixes[i];
    }
    return "";
  };

  // vnvSuffix mirrors romance.VnvSuffix.
  function vnvSuffix(w, isVowel, start) {
    var n = w.rs.length - start;
    for (var i = 1; i < n; i++) {
      var j = start + i;
      if (isVowel(w.rs[j - 1]) && !isVowel(w.rs[j])) return j + 1;
    }
    return w.rs.length;
  }

  function set(list) {
    var m = Object.create(null);
    list.split(" ").forEach(function (w) { m[w] = true; });
    return m;
  }

  // Spanish.
  var esVowels = set("a e i o u á é í ó ú ü");
  function esVowel(r) { return esVowels[r] === true; }
  var esStop = set("de la que el en y a los del se las por un para con no una su al lo como más pero sus le ya o este sí porque esta entre cuando muy sin sobre también me hasta hay donde quien desde todo nos durante todos uno les ni contra otros ese eso ante ellos e esto mí antes algunos qué unos yo otro otras otra él tanto esa estos mucho quienes nada muchos cual poco ella estar estas algunas algo nosotros mi mis tú te ti tu tus ellas nosotras vosostros vosostras os mío mía míos mías tuyo tuya tuyos tuyas suyo suya suyos suyas nuestro nuestra nuestros nuestras vuestro vuestra vuestros vuestras esos esas estoy estás está estamos estáis están esté estés estemos estéis estén estaré estarás estará estaremos estaréis estarán estaría estarías estaríamos estaríais estarían estaba estabas estábamos estabais estaban estuve estuviste estuvo estuvimos estuvisteis estuvieron estuviera estuvieras estuviéramos estuvierais estuvieran estuviese estuvieses estuviésemos estuvieseis estuviesen estando estado estada estados estadas estad he has ha hemos habéis han haya hayas hayamos hayáis hayan habré habrás habrá habremos habréis habrán habría habrías habríamos habríais habrían había habías habíamos habíais habían hube hubiste hubo hubimos hubisteis hubieron hubiera hubieras hubiéramos hubierais hubieran hubiese hubieses hubiésemos hubieseis hubiesen habiendo habido habida habidos habidas soy eres es somos sois son sea seas seamos seáis sean seré serás será seremos seréis serán sería serías seríamos seríais serían era eras éramos erais eran fui fuiste fue fuimos fuisteis fueron fuera fueras fuéramos fuerais fueran fuese fueses fuésemos fueseis fuesen sintiendo sentido sentida sentidos sentidas siente sentid tengo tienes tiene tenemos tenéis tienen tenga tengas tengamos tengáis tengan tendré tendrás tendrá tendremos tendréis tendrán tendría tendrías tendríamos tendríais tendrían tenía tenías teníamos teníais tenían tuve tuviste tuvo tuvimos tuvisteis tuvieron tuviera tuvieras tuviéramos tuvierais tuvieran tuviese tuvieses tuviésemos tuvieseis tuviesen teniendo tenido tenida tenidos tenidas tened");

  function esRegions(w) {
    var rs = w.rs;
    var r1 = vnvSuffix(w, esVowel, 0);
    var r2 = vnvSuffix(w, esVowel, r1);
    var rv = rs.length;
    var i;
    if (rs.length >= 3) {
      if (!esVowel(rs[1])) {
        for (i = 2; i < rs.length; i++) if (esVowel(rs[i])) { rv = i + 1; break; }
      } else if (esVowel(rs[0]) && esVowel(rs[1])) {
        for (i = 2; i < rs.length; i++) if (!esVowel(rs[i])) { rv = i + 1; break; }
      } else {
        rv = 3;
      }
    }
    w.r1 = r1; w.r2 = r2; w.rv = rv;
  }

  function esStep0(w) {
    var s1 = w.firstSuffixIn(w.rv, w.rs.length, ["selas", "selos", "sela", "selo", "las", "les", "los", "nos", "me", "se", "la", "le", "lo"]);
    if (s1 === "") return false;
    var s1Len = runes(s1).length;
    // Go: len(word.RS)-len(suffix1), bytes of an ASCII suffix.
    var s2 = w.firstSuffixIn(w.rv, w.rs.length - utf8Len(s1), ["iéndo", "iendo", "yendo", "ando", "ándo", "ár", "ér", "ír", "ar", "er", "ir"]);
    switch (s2) {
      case "":
        return false;
      case "iéndo": case "ándo": case "ár": case "ér": case "ír":
        var repl = { "iéndo": "iendo", "ándo": "ando", "ár": "ar", "ír": "ir" }[s2] || "";
        w.removeLast(s1Len);
        w.replaceSuffix(s2, repl);
        return true;
      case "ando": case "iendo": case "ar": case "er": case "ir":
        w.removeLast(s1Len);
        return true;
      case "yendo":
        for (var i = 0; i < w.rs.length - (utf8Len(s1) + utf8Len(s2)); i++) {
          if (w.rs[i] === "u") { w.removeLast(s1Len); return true; }
        }
    }
    return false;
  }

  function esStep1(w) {
    var suffix = w.firstSuffix(["amientos", "imientos", "aciones", "amiento", "imiento",
      "uciones", "logías", "idades", "encias", "ancias", "amente",
      "adores", "adoras", "ución", "mente", "logía", "istas",
      "ismos", "ibles", "encia", "anzas", "antes", "ancia",
      "adora", "ación", "ables", "osos", "osas", "ivos", "ivas",
      "ista", "ismo", "idad", "icos", "icas", "ible", "anza",
      "ante", "ador", "able", "oso", "osa", "ivo", "iva",
      "ico", "ica"]);
    var n = runes(suffix).length;
    var inR1 = w.r1 <= w.rs.length - n;
    var inR2 = w.r2 <= w.rs.length - n;
    if (suffix === "") return false;
    if (suffix === "amente") {
      if (inR1) {
        w.removeLast(n);
        var ns = w.removeFirstSuffixIfIn(w.r2, ["iv", "os", "ic", "ad"]);
        if (ns === "iv") w.removeFirstSuffixIfIn(w.r2, ["at"]);
        return true;
      }
      return false;
    }
    if (!inR2) return false;
    function compound(others) {
      w.removeLast(n);
      w.removeFirstSuffixIfIn(w.r2, others);
      return true;
    }
    switch (suffix) {
      case "adora": case "ador": case "ación": case "adoras": case "adores": case "aciones": case "ante": case "antes": case "ancia": case "ancias":
        return compound(["ic"]);
      case "mente":
        return compound(["ante", "able", "ible"]);
      case "idad": case "idades":
        return compound(["abil", "ic", "iv"]);
      case "iva": case "ivo": case "ivas": case "ivos":
        return compound(["at"]);
      case "logía": case "logías":
        w.replaceSuffix(suffix, "log");
        return true;
      case "ución": case "uciones":
        w.replaceSuffix(suffix, "u");
        return true;
      case "encia": case "encias":
        w.replaceSuffix(suffix, "ente");
        return true;
    }
    w.removeLast(n);
    return true;
  }

  function esStep2a(w) {
    var suffix = w.firstSuffixIn(w.rv, w.rs.length, ["ya", "ye", "yan", "yen", "yeron", "yendo", "yo", "yó", "yas", "yes", "yais", "yamos"]);
    if (suffix !== "") {
      var n = runes(suffix).length;
      var idx = w.rs.length - n - 1;
      if (idx >= 0 && w.rs[idx] === "u") { w.removeLast(n); return true; }
    }
    return false;
  }

  function esStep2b(w) {
    var suffix = w.firstSuffixIn(w.rv, w.rs.length, ["iésemos", "iéramos", "iríamos", "eríamos", "aríamos", "ásemos",
      "áramos", "ábamos", "isteis", "iríais", "iremos", "ieseis",
      "ierais", "eríais", "eremos", "asteis", "aríais", "aremos",
      "íamos", "irías", "irían", "iréis", "ieses", "iesen", "ieron",
      "ieras", "ieran", "iendo", "erías", "erían", "eréis", "aseis",
      "arías", "arían", "aréis", "arais", "abais", "íais", "iste",
      "iría", "irás", "irán", "imos", "iese", "iera", "idos", "idas",
      "ería", "erás", "erán", "aste", "ases", "asen", "aría", "arás",
      "arán", "aron", "aras", "aran", "ando", "amos", "ados", "adas",
      "abas", "aban", "ías", "ían", "éis", "áis", "iré", "irá", "ido",
      "ida", "eré", "erá", "emos", "ase", "aré", "ará", "ara", "ado",
      "ada", "aba", "ís", "ía", "ió", "ir", "id", "es", "er", "en",
      "ed", "as", "ar", "an", "ad"]);
    if (suffix === "") return false;
    w.removeLast(runes(suffix).length);
    if (suffix === "en" || suffix === "es" || suffix === "éis" || suffix === "emos") {
      if (w.firstSuffix(["gu"]) !== "") w.removeLast(1);
    }
    return true;
  }

  function esStep3(w) {
    var suffix = w.firstSuffixIfIn(w.rv, w.rs.length, ["os", "a", "o", "á", "í", "ó", "e", "é"]);
    if (suffix === "") return false;
    w.removeLast(runes(suffix).length);
    if (suffix === "e" || suffix === "é") {
      if (w.firstSuffix(["gu"]) !== "") w.removeLast(1);
    }
    return true;
  }

  var esAccents = { "á": "a", "é": "e", "í": "i", "ó": "o", "ú": "u" };

  function spanish(word) {
    word = word.trim().toLowerCase();
    if (utf8Len(word) <= 2 || esStop[word]) return word;
    var w = new Word(word);
    esRegions(w);
    esStep0(w);
    if (!esStep1(w)) {
      if (!esStep2a(w)) esStep2b(w);
    }
    esStep3(w);
    w.rs = w.rs.map(function (r) { return esAccents[r] || r; });
    return w.toString();
  }

  // English (Porter2).
  function enVowel(r) {
    return r === "a" || r === "e" || r === "i" || r === "o" || r === "u" || r === "y";
  }
  var enStop = set("a about above after again against all am an and any are as at be because been before being below between both but by can did do does doing don down during each few for from further had has have having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves out over own s same she should so some such t than that the their theirs them themselves then there these they this those through to too under until up very was we were what when where which while who whom why will with you your yours yourself yourselves");
  var enSpecial = {
    skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie", idly: "idl", gently: "gentl",
    ugly: "ugli", early: "earli", only: "onli", singly: "singl", sky: "sky", news: "news", howe: "howe",
    atlas: "atlas", cosmos: "cosmos", bias: "bias", andes: "andes", inning: "inning", innings: "inning",
    outing: "outing", outings: "outing", canning: "canning", cannings: "canning", herring: "herring",
    herrings: "herring", earring: "earring", earrings: "earring", proceed: "proceed", proceeds: "proceed",
    proceeded: "proceed", proceeding: "proceed", exceed: "exceed", exceeds: "exceed", exceeded: "exceed",
    exceeding: "exceed", succeed: "succeed", succeeds: "succeed", succeeded: "succeed", succeeding: "succeed"
  };

  function enEndsShortSyllable(w, i) {
    if (i === 2) return enVowel(w.rs[0]) && !enVowel(w.rs[1]);
    if (i >= 3) {
      var s1 = w.rs[i - 1], s2 = w.rs[i - 2], s3 = w.rs[i - 3];
      return !enVowel(s1) && s1 !== "w" && s1 !== "x" && s1 !== "Y" && enVowel(s2) && !enVowel(s3);
    }
    return false;
  }
  function enIsShort(w) {
    if (w.r1 < w.rs.length) return false;
    return enEndsShortSyllable(w, w.rs.length);
  }

  function enPreprocess(w) {
    var i;
    for (i = 0; i < w.rs.length; i++) {
      if (w.rs[i] === "\u2019" || w.rs[i] === "\u2018" || w.rs[i] === "\u201b") w.rs[i] = "'";
    }
    // trimLeftApostrophes, as Go's range loop leaves its index.
    var num = 0;
    for (i = 0; i < w.rs.length; i++) {
      num = i;
      if (w.rs[i] !== "'") break;
    }
    if (num > 0) {
      w.rs = w.rs.slice(num);
      w.r1 -= num;
      w.r2 -= num;
    }
    for (i = 0; i < w.rs.length; i++) {
      if (w.rs[i] === "y" && (i === 0 || enVowel(w.rs[i - 1]))) w.rs[i] = "Y";
    }
    var special = w.firstPrefix(["gener", "commun", "arsen"]);
    var r1 = special !== "" ? runes(special).length : vnvSuffix(w, enVowel, 0);
    w.r1 = r1;
    w.r2 = vnvSuffix(w, enVowel, r1);
  }

  function enStep0(w) {
    var s = w.firstSuffix(["'s'", "'s", "'"]);
    if (s === "") return false;
    w.removeLast(runes(s).length);
    return true;
  }

  function enStep1a(w) {
    var s = w.firstSuffix(["sses", "ied", "ies", "us", "ss", "s"]);
    switch (s) {
      case "sses":
        w.replaceSuffix(s, "ss");
        return true;
      case "ies": case "ied":
        w.replaceSuffix(s, w.rs.length > 4 ? "i" : "ie");
        return true;
      case "us": case "ss":
        return false;
      case "s":
        for (var i = 0; i < w.rs.length - 2; i++) {
          if (enVowel(w.rs[i])) { w.removeLast(1); return true; }
        }
    }
    return false;
  }

  function enStep1b(w) {
    var s = w.firstSuffix(["eedly", "ingly", "edly", "ing", "eed", "ed"]);
    var n = runes(s).length;
    switch (s) {
      case "":
        return false;
      case "eed": case "eedly":
        if (n <= w.rs.length - w.r1) w.replaceSuffix(s, "ee");
        return true;
      case "ed": case "edly": case "ing": case "ingly":
        var has = false;
        for (var i = 0; i < w.rs.length - n; i++) {
          if (enVowel(w.rs[i])) { has = true; break; }
        }
        if (!has) return false;
        var r1 = w.r1, r2 = w.r2;
        w.removeLast(n);
        var ns = w.firstSuffix(["at", "bl", "iz", "bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"]);
        switch (ns) {
          case "":
            if (enIsShort(w)) {
              w.rs.push("e");
              w.r1 = w.rs.length;
              w.r2 = w.rs.length;
              return true;
            }
            break;
          case "at": case "bl": case "iz":
            w.replaceSuffix(ns, ns + "e");
            break;
          default:
            w.removeLast(1);
        }
        var len = w.rs.length;
        w.r1 = r1 < len ? r1 : len;
        w.r2 = r2 < len ? r2 : len;
        return true;
    }
    return false;
  }

  function enStep1c(w) {
    var n = w.rs.length;
    if (n > 2 && (w.rs[n - 1] === "y" || w.rs[n - 1] === "Y") && !enVowel(w.rs[n - 2])) {
      w.rs[n - 1] = "i";
      return true;
    }
    return false;
  }

  var enStep2Repl = {
    tional: "tion", enci: "ence", anci: "ance", abli: "able", entli: "ent", izer: "ize", ization: "ize",
    ational: "ate", ation: "ate", ator: "ate", alism: "al", aliti: "al", alli: "al", fulness: "ful",
    ousli: "ous", ousness: "ous", iveness: "ive", iviti: "ive", biliti: "ble", bli: "ble", fulli: "ful",
    lessli: "less"
  };
  function enStep2(w) {
    var s = w.firstSuffix(["ational", "fulness", "iveness", "ization", "ousness",
      "biliti", "lessli", "tional", "alism", "aliti", "ation",
      "entli", "fulli", "iviti", "ousli", "anci", "abli",
      "alli", "ator", "enci", "izer", "bli", "ogi", "li"]);
    var n = runes(s).length;
    if (s === "" || n > w.rs.length - w.r1) return false;
    var len = w.rs.length;
    if (s === "li") {
      if (len >= 3 && "cdeghkmnrt".indexOf(w.rs[len - 3]) >= 0 && w.rs[len - 3].length === 1) {
        w.removeLast(n);
        return true;
      }
      return false;
    }
    if (s === "ogi") {
      if (len >= 4 && w.rs[len - 4] === "l") w.replaceSuffix(s, "og");
      return true;
    }
    w.replaceSuffix(s, enStep2Repl[s]);
    return true;
  }

  var enStep3Repl = { ational: "ate", tional: "tion", alize: "al", icate: "ic", iciti: "ic", ical: "ic", ful: "", ness: "" };
  function enStep3(w) {
    var s = w.firstSuffix(["ational", "tional", "alize", "icate", "ative", "iciti", "ical", "ful", "ness"]);
    var n = runes(s).length;
    if (s === "" || n > w.rs.length - w.r1) return false;
    if (s === "ative") {
      if (w.rs.length - w.r2 >= 5) { w.removeLast(n); return true; }
      return false;
    }
    w.replaceSuffix(s, enStep3Repl[s]);
    return true;
  }

  function enStep4(w) {
    var s = w.firstSuffix(["ement", "ance", "ence", "able", "ible", "ment",
      "ent", "ant", "ism", "ate", "iti", "ous", "ive",
      "ize", "ion", "al", "er", "ic"]);
    var n = runes(s).length;
    if (n > w.rs.length - w.r2) return false;
    if (s === "") return false;
    if (s === "ion") {
      var len = w.rs.length;
      if (len >= 4 && (w.rs[len - 4] === "s" || w.rs[len - 4] === "t")) {
        w.removeLast(n);
        return true;
      }
      return false;
    }
    w.removeLast(n);
    return true;
  }

  function enStep5(w) {
    var lri = w.rs.length - 1;
    if (w.r1 > lri) return false;
    if (w.rs[lri] === "e") {
      if (w.r2 <= lri || !enEndsShortSyllable(w, lri)) { w.removeLast(1); return true; }
      return false;
    } else if (w.r2 <= lri && w.rs[lri] === "l" && lri - 1 >= 0 && w.rs[lri - 1] === "l") {
      w.removeLast(1);
      return true;
    }
    return false;
  }

  function english(word) {
    word = word.trim().toLowerCase();
    if (utf8Len(word) <= 2 || enStop[word]) return word;
    if (enSpecial[word]) return enSpecial[word];
    var w = new Word(word);
    enPreprocess(w);
    enStep0(w);
    enStep1a(w);
    enStep1b(w);
    enStep1c(w);
    enStep2(w);
    enStep3(w);
    enStep4(w);
    enStep5(w);
    w.rs = w.rs.map(function (r) { return r === "Y" ? "y" : r; });
    return w.toString();
  }

  // extra: internal/stem's table of forms the stemmers leave apart.
  var extra = {
    es: { "niñez": "niñ", "ninez": "nin" },
    en: { children: "child", women: "woman", men: "man" }
  };

  function raw(lang, word) {
    var x = extra[lang];
    if (x && Object.prototype.hasOwnProperty.call(x, word)) return x[word];
    if (lang === "es") return spanish(word);
    if (lang === "en") return english(word);
    return word;
  }

  function fold(s) {
    return s.normalize("NFD").replace(/[\p{Mn}\p{Cf}]/gu, "").toLowerCase();
  }

  function lower(word) {
    return word.toLowerCase().replace(/\p{Cf}/gu, "").normalize("NFC");
  }

  // stems: the stem of a written word and, when it differs, the stem of
  // it without its accents (internal/stem's Word and Alt).
  function stems(lang, word) {
    var l = lower(word);
    var s = fold(raw(lang, l));
    var f = fold(l);
    if (f === l) return [s, ""];
    var alt = fold(raw(lang, f));
    return [s, alt === s ? "" : alt];
  }

  function stop(lang, word) {
    var l = lower(word);
    return lang === "es" ? esStop[l] === true : lang === "en" ? enStop[l] === true : false;
  }

  window.catalogStem = { stems: stems, fold: fold, stop: stop, raw: raw };
})();
