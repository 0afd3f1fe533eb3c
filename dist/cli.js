#!/usr/bin/env node
import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x3) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x3, {
  get: (a, b3) => (typeof require !== "undefined" ? require : a)[b3]
}) : x3)(function(x3) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x3 + '" is not supported');
});
var __commonJS = (cb, mod) => function __require2() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __copyProps = (to2, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to2, key) && key !== except)
        __defProp(to2, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to2;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// node_modules/yaml/dist/nodes/identity.js
var require_identity = __commonJS({
  "node_modules/yaml/dist/nodes/identity.js"(exports) {
    "use strict";
    var ALIAS = /* @__PURE__ */ Symbol.for("yaml.alias");
    var DOC = /* @__PURE__ */ Symbol.for("yaml.document");
    var MAP = /* @__PURE__ */ Symbol.for("yaml.map");
    var PAIR = /* @__PURE__ */ Symbol.for("yaml.pair");
    var SCALAR = /* @__PURE__ */ Symbol.for("yaml.scalar");
    var SEQ = /* @__PURE__ */ Symbol.for("yaml.seq");
    var NODE_TYPE = /* @__PURE__ */ Symbol.for("yaml.node.type");
    var isAlias = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === ALIAS;
    var isDocument = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === DOC;
    var isMap = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === MAP;
    var isPair = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === PAIR;
    var isScalar = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SCALAR;
    var isSeq = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SEQ;
    function isCollection(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case MAP:
          case SEQ:
            return true;
        }
      return false;
    }
    function isNode(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case ALIAS:
          case MAP:
          case SCALAR:
          case SEQ:
            return true;
        }
      return false;
    }
    var hasAnchor = (node) => (isScalar(node) || isCollection(node)) && !!node.anchor;
    exports.ALIAS = ALIAS;
    exports.DOC = DOC;
    exports.MAP = MAP;
    exports.NODE_TYPE = NODE_TYPE;
    exports.PAIR = PAIR;
    exports.SCALAR = SCALAR;
    exports.SEQ = SEQ;
    exports.hasAnchor = hasAnchor;
    exports.isAlias = isAlias;
    exports.isCollection = isCollection;
    exports.isDocument = isDocument;
    exports.isMap = isMap;
    exports.isNode = isNode;
    exports.isPair = isPair;
    exports.isScalar = isScalar;
    exports.isSeq = isSeq;
  }
});

// node_modules/yaml/dist/visit.js
var require_visit = __commonJS({
  "node_modules/yaml/dist/visit.js"(exports) {
    "use strict";
    var identity2 = require_identity();
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove node");
    function visit(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity2.isDocument(node)) {
        const cd = visit_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        visit_(null, node, visitor_, Object.freeze([]));
    }
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    function visit_(key, node, visitor, path) {
      const ctrl = callVisitor(key, node, visitor, path);
      if (identity2.isNode(ctrl) || identity2.isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visit_(key, ctrl, visitor, path);
      }
      if (typeof ctrl !== "symbol") {
        if (identity2.isCollection(node)) {
          path = Object.freeze(path.concat(node));
          for (let i2 = 0; i2 < node.items.length; ++i2) {
            const ci = visit_(i2, node.items[i2], visitor, path);
            if (typeof ci === "number")
              i2 = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i2, 1);
              i2 -= 1;
            }
          }
        } else if (identity2.isPair(node)) {
          path = Object.freeze(path.concat(node));
          const ck = visit_("key", node.key, visitor, path);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = visit_("value", node.value, visitor, path);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    async function visitAsync(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity2.isDocument(node)) {
        const cd = await visitAsync_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        await visitAsync_(null, node, visitor_, Object.freeze([]));
    }
    visitAsync.BREAK = BREAK;
    visitAsync.SKIP = SKIP;
    visitAsync.REMOVE = REMOVE;
    async function visitAsync_(key, node, visitor, path) {
      const ctrl = await callVisitor(key, node, visitor, path);
      if (identity2.isNode(ctrl) || identity2.isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visitAsync_(key, ctrl, visitor, path);
      }
      if (typeof ctrl !== "symbol") {
        if (identity2.isCollection(node)) {
          path = Object.freeze(path.concat(node));
          for (let i2 = 0; i2 < node.items.length; ++i2) {
            const ci = await visitAsync_(i2, node.items[i2], visitor, path);
            if (typeof ci === "number")
              i2 = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i2, 1);
              i2 -= 1;
            }
          }
        } else if (identity2.isPair(node)) {
          path = Object.freeze(path.concat(node));
          const ck = await visitAsync_("key", node.key, visitor, path);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = await visitAsync_("value", node.value, visitor, path);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    function initVisitor(visitor) {
      if (typeof visitor === "object" && (visitor.Collection || visitor.Node || visitor.Value)) {
        return Object.assign({
          Alias: visitor.Node,
          Map: visitor.Node,
          Scalar: visitor.Node,
          Seq: visitor.Node
        }, visitor.Value && {
          Map: visitor.Value,
          Scalar: visitor.Value,
          Seq: visitor.Value
        }, visitor.Collection && {
          Map: visitor.Collection,
          Seq: visitor.Collection
        }, visitor);
      }
      return visitor;
    }
    function callVisitor(key, node, visitor, path) {
      if (typeof visitor === "function")
        return visitor(key, node, path);
      if (identity2.isMap(node))
        return visitor.Map?.(key, node, path);
      if (identity2.isSeq(node))
        return visitor.Seq?.(key, node, path);
      if (identity2.isPair(node))
        return visitor.Pair?.(key, node, path);
      if (identity2.isScalar(node))
        return visitor.Scalar?.(key, node, path);
      if (identity2.isAlias(node))
        return visitor.Alias?.(key, node, path);
      return void 0;
    }
    function replaceNode(key, path, node) {
      const parent = path[path.length - 1];
      if (identity2.isCollection(parent)) {
        parent.items[key] = node;
      } else if (identity2.isPair(parent)) {
        if (key === "key")
          parent.key = node;
        else
          parent.value = node;
      } else if (identity2.isDocument(parent)) {
        parent.contents = node;
      } else {
        const pt2 = identity2.isAlias(parent) ? "alias" : "scalar";
        throw new Error(`Cannot replace node with ${pt2} parent`);
      }
    }
    exports.visit = visit;
    exports.visitAsync = visitAsync;
  }
});

// node_modules/yaml/dist/doc/directives.js
var require_directives = __commonJS({
  "node_modules/yaml/dist/doc/directives.js"(exports) {
    "use strict";
    var identity2 = require_identity();
    var visit = require_visit();
    var escapeChars = {
      "!": "%21",
      ",": "%2C",
      "[": "%5B",
      "]": "%5D",
      "{": "%7B",
      "}": "%7D"
    };
    var escapeTagName = (tn2) => tn2.replace(/[!,[\]{}]/g, (ch) => escapeChars[ch]);
    var Directives = class _Directives {
      constructor(yaml, tags) {
        this.docStart = null;
        this.docEnd = false;
        this.yaml = Object.assign({}, _Directives.defaultYaml, yaml);
        this.tags = Object.assign({}, _Directives.defaultTags, tags);
      }
      clone() {
        const copy = new _Directives(this.yaml, this.tags);
        copy.docStart = this.docStart;
        return copy;
      }
      /**
       * During parsing, get a Directives instance for the current document and
       * update the stream state according to the current version's spec.
       */
      atDocument() {
        const res = new _Directives(this.yaml, this.tags);
        switch (this.yaml.version) {
          case "1.1":
            this.atNextDocument = true;
            break;
          case "1.2":
            this.atNextDocument = false;
            this.yaml = {
              explicit: _Directives.defaultYaml.explicit,
              version: "1.2"
            };
            this.tags = Object.assign({}, _Directives.defaultTags);
            break;
        }
        return res;
      }
      /**
       * @param onError - May be called even if the action was successful
       * @returns `true` on success
       */
      add(line2, onError) {
        if (this.atNextDocument) {
          this.yaml = { explicit: _Directives.defaultYaml.explicit, version: "1.1" };
          this.tags = Object.assign({}, _Directives.defaultTags);
          this.atNextDocument = false;
        }
        const parts2 = line2.trim().split(/[ \t]+/);
        const name2 = parts2.shift();
        switch (name2) {
          case "%TAG": {
            if (parts2.length !== 2) {
              onError(0, "%TAG directive should contain exactly two parts");
              if (parts2.length < 2)
                return false;
            }
            const [handle2, prefix] = parts2;
            this.tags[handle2] = prefix;
            return true;
          }
          case "%YAML": {
            this.yaml.explicit = true;
            if (parts2.length !== 1) {
              onError(0, "%YAML directive should contain exactly one part");
              return false;
            }
            const [version] = parts2;
            if (version === "1.1" || version === "1.2") {
              this.yaml.version = version;
              return true;
            } else {
              const isValid = /^\d+\.\d+$/.test(version);
              onError(6, `Unsupported YAML version ${version}`, isValid);
              return false;
            }
          }
          default:
            onError(0, `Unknown directive ${name2}`, true);
            return false;
        }
      }
      /**
       * Resolves a tag, matching handles to those defined in %TAG directives.
       *
       * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
       *   `'!local'` tag, or `null` if unresolvable.
       */
      tagName(source2, onError) {
        if (source2 === "!")
          return "!";
        if (source2[0] !== "!") {
          onError(`Not a valid tag: ${source2}`);
          return null;
        }
        if (source2[1] === "<") {
          const verbatim = source2.slice(2, -1);
          if (verbatim === "!" || verbatim === "!!") {
            onError(`Verbatim tags aren't resolved, so ${source2} is invalid.`);
            return null;
          }
          if (source2[source2.length - 1] !== ">")
            onError("Verbatim tags must end with a >");
          return verbatim;
        }
        const [, handle2, suffix] = source2.match(/^(.*!)([^!]*)$/s);
        if (!suffix)
          onError(`The ${source2} tag has no suffix`);
        const prefix = this.tags[handle2];
        if (prefix) {
          try {
            return prefix + decodeURIComponent(suffix);
          } catch (error) {
            onError(String(error));
            return null;
          }
        }
        if (handle2 === "!")
          return source2;
        onError(`Could not resolve tag: ${source2}`);
        return null;
      }
      /**
       * Given a fully resolved tag, returns its printable string form,
       * taking into account current tag prefixes and defaults.
       */
      tagString(tag) {
        for (const [handle2, prefix] of Object.entries(this.tags)) {
          if (tag.startsWith(prefix))
            return handle2 + escapeTagName(tag.substring(prefix.length));
        }
        return tag[0] === "!" ? tag : `!<${tag}>`;
      }
      toString(doc) {
        const lines = this.yaml.explicit ? [`%YAML ${this.yaml.version || "1.2"}`] : [];
        const tagEntries = Object.entries(this.tags);
        let tagNames;
        if (doc && tagEntries.length > 0 && identity2.isNode(doc.contents)) {
          const tags = {};
          visit.visit(doc.contents, (_key, node) => {
            if (identity2.isNode(node) && node.tag)
              tags[node.tag] = true;
          });
          tagNames = Object.keys(tags);
        } else
          tagNames = [];
        for (const [handle2, prefix] of tagEntries) {
          if (handle2 === "!!" && prefix === "tag:yaml.org,2002:")
            continue;
          if (!doc || tagNames.some((tn2) => tn2.startsWith(prefix)))
            lines.push(`%TAG ${handle2} ${prefix}`);
        }
        return lines.join("\n");
      }
    };
    Directives.defaultYaml = { explicit: false, version: "1.2" };
    Directives.defaultTags = { "!!": "tag:yaml.org,2002:" };
    exports.Directives = Directives;
  }
});

// node_modules/yaml/dist/doc/anchors.js
var require_anchors = __commonJS({
  "node_modules/yaml/dist/doc/anchors.js"(exports) {
    "use strict";
    var identity2 = require_identity();
    var visit = require_visit();
    function anchorIsValid(anchor) {
      if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
        const sa = JSON.stringify(anchor);
        const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
        throw new Error(msg);
      }
      return true;
    }
    function anchorNames(root) {
      const anchors = /* @__PURE__ */ new Set();
      visit.visit(root, {
        Value(_key, node) {
          if (node.anchor)
            anchors.add(node.anchor);
        }
      });
      return anchors;
    }
    function findNewAnchor(prefix, exclude) {
      for (let i2 = 1; true; ++i2) {
        const name2 = `${prefix}${i2}`;
        if (!exclude.has(name2))
          return name2;
      }
    }
    function createNodeAnchors(doc, prefix) {
      const aliasObjects = [];
      const sourceObjects = /* @__PURE__ */ new Map();
      let prevAnchors = null;
      return {
        onAnchor: (source2) => {
          aliasObjects.push(source2);
          prevAnchors ?? (prevAnchors = anchorNames(doc));
          const anchor = findNewAnchor(prefix, prevAnchors);
          prevAnchors.add(anchor);
          return anchor;
        },
        /**
         * With circular references, the source node is only resolved after all
         * of its child nodes are. This is why anchors are set only after all of
         * the nodes have been created.
         */
        setAnchors: () => {
          for (const source2 of aliasObjects) {
            const ref = sourceObjects.get(source2);
            if (typeof ref === "object" && ref.anchor && (identity2.isScalar(ref.node) || identity2.isCollection(ref.node))) {
              ref.node.anchor = ref.anchor;
            } else {
              const error = new Error("Failed to resolve repeated object (this should not happen)");
              error.source = source2;
              throw error;
            }
          }
        },
        sourceObjects
      };
    }
    exports.anchorIsValid = anchorIsValid;
    exports.anchorNames = anchorNames;
    exports.createNodeAnchors = createNodeAnchors;
    exports.findNewAnchor = findNewAnchor;
  }
});

// node_modules/yaml/dist/doc/applyReviver.js
var require_applyReviver = __commonJS({
  "node_modules/yaml/dist/doc/applyReviver.js"(exports) {
    "use strict";
    function applyReviver(reviver, obj, key, val) {
      if (val && typeof val === "object") {
        if (Array.isArray(val)) {
          for (let i2 = 0, len = val.length; i2 < len; ++i2) {
            const v0 = val[i2];
            const v1 = applyReviver(reviver, val, String(i2), v0);
            if (v1 === void 0)
              delete val[i2];
            else if (v1 !== v0)
              val[i2] = v1;
          }
        } else if (val instanceof Map) {
          for (const k2 of Array.from(val.keys())) {
            const v0 = val.get(k2);
            const v1 = applyReviver(reviver, val, k2, v0);
            if (v1 === void 0)
              val.delete(k2);
            else if (v1 !== v0)
              val.set(k2, v1);
          }
        } else if (val instanceof Set) {
          for (const v0 of Array.from(val)) {
            const v1 = applyReviver(reviver, val, v0, v0);
            if (v1 === void 0)
              val.delete(v0);
            else if (v1 !== v0) {
              val.delete(v0);
              val.add(v1);
            }
          }
        } else {
          for (const [k2, v0] of Object.entries(val)) {
            const v1 = applyReviver(reviver, val, k2, v0);
            if (v1 === void 0)
              delete val[k2];
            else if (v1 !== v0)
              val[k2] = v1;
          }
        }
      }
      return reviver.call(obj, key, val);
    }
    exports.applyReviver = applyReviver;
  }
});

// node_modules/yaml/dist/nodes/toJS.js
var require_toJS = __commonJS({
  "node_modules/yaml/dist/nodes/toJS.js"(exports) {
    "use strict";
    var identity2 = require_identity();
    function toJS(value, arg, ctx) {
      if (Array.isArray(value))
        return value.map((v2, i2) => toJS(v2, String(i2), ctx));
      if (value && typeof value.toJSON === "function") {
        if (!ctx || !identity2.hasAnchor(value))
          return value.toJSON(arg, ctx);
        const data = { aliasCount: 0, count: 1, res: void 0 };
        ctx.anchors.set(value, data);
        ctx.onCreate = (res2) => {
          data.res = res2;
          delete ctx.onCreate;
        };
        const res = value.toJSON(arg, ctx);
        if (ctx.onCreate)
          ctx.onCreate(res);
        return res;
      }
      if (typeof value === "bigint" && !ctx?.keep)
        return Number(value);
      return value;
    }
    exports.toJS = toJS;
  }
});

// node_modules/yaml/dist/nodes/Node.js
var require_Node = __commonJS({
  "node_modules/yaml/dist/nodes/Node.js"(exports) {
    "use strict";
    var applyReviver = require_applyReviver();
    var identity2 = require_identity();
    var toJS = require_toJS();
    var NodeBase = class {
      constructor(type) {
        Object.defineProperty(this, identity2.NODE_TYPE, { value: type });
      }
      /** Create a copy of this node.  */
      clone() {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** A plain JavaScript representation of this node. */
      toJS(doc, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        if (!identity2.isDocument(doc))
          throw new TypeError("A document argument is required");
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc,
          keep: true,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this, "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
    };
    exports.NodeBase = NodeBase;
  }
});

// node_modules/yaml/dist/nodes/Alias.js
var require_Alias = __commonJS({
  "node_modules/yaml/dist/nodes/Alias.js"(exports) {
    "use strict";
    var anchors = require_anchors();
    var visit = require_visit();
    var identity2 = require_identity();
    var Node2 = require_Node();
    var toJS = require_toJS();
    var Alias = class extends Node2.NodeBase {
      constructor(source2) {
        super(identity2.ALIAS);
        this.source = source2;
        Object.defineProperty(this, "tag", {
          set() {
            throw new Error("Alias nodes cannot have tags");
          }
        });
      }
      /**
       * Resolve the value of this alias within `doc`, finding the last
       * instance of the `source` anchor before this node.
       */
      resolve(doc, ctx) {
        if (ctx?.maxAliasCount === 0)
          throw new ReferenceError("Alias resolution is disabled");
        let nodes;
        if (ctx?.aliasResolveCache) {
          nodes = ctx.aliasResolveCache;
        } else {
          nodes = [];
          visit.visit(doc, {
            Node: (_key, node) => {
              if (identity2.isAlias(node) || identity2.hasAnchor(node))
                nodes.push(node);
            }
          });
          if (ctx)
            ctx.aliasResolveCache = nodes;
        }
        let found = void 0;
        for (const node of nodes) {
          if (node === this)
            break;
          if (node.anchor === this.source)
            found = node;
        }
        if (found && ctx) {
          const { anchors: anchors2, doc: doc2, maxAliasCount } = ctx;
          let data = anchors2.get(found);
          if (!data) {
            toJS.toJS(found, null, ctx);
            data = anchors2.get(found);
          }
          if (data?.res === void 0) {
            const msg = "This should not happen: Alias anchor was not resolved?";
            throw new ReferenceError(msg);
          }
          if (maxAliasCount >= 0) {
            data.count += 1;
            if (data.aliasCount === 0)
              data.aliasCount = getAliasCount(doc2, found, anchors2);
            if (data.count * data.aliasCount > maxAliasCount) {
              const msg = "Excessive alias count indicates a resource exhaustion attack";
              throw new ReferenceError(msg);
            }
          }
        }
        return found;
      }
      toJSON(_arg, ctx) {
        if (!ctx)
          return { source: this.source };
        const source2 = this.resolve(ctx.doc, ctx);
        if (!source2) {
          const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
          throw new ReferenceError(msg);
        }
        return ctx.anchors.get(source2).res;
      }
      toString(ctx, _onComment, _onChompKeep) {
        const src = `*${this.source}`;
        if (ctx) {
          anchors.anchorIsValid(this.source);
          if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
            const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
            throw new Error(msg);
          }
          if (ctx.implicitKey)
            return `${src} `;
        }
        return src;
      }
    };
    function getAliasCount(doc, node, anchors2) {
      if (identity2.isAlias(node)) {
        const source2 = node.resolve(doc);
        const anchor = anchors2 && source2 && anchors2.get(source2);
        return anchor ? anchor.count * anchor.aliasCount : 0;
      } else if (identity2.isCollection(node)) {
        let count = 0;
        for (const item of node.items) {
          const c3 = getAliasCount(doc, item, anchors2);
          if (c3 > count)
            count = c3;
        }
        return count;
      } else if (identity2.isPair(node)) {
        const kc = getAliasCount(doc, node.key, anchors2);
        const vc = getAliasCount(doc, node.value, anchors2);
        return Math.max(kc, vc);
      }
      return 1;
    }
    exports.Alias = Alias;
  }
});

// node_modules/yaml/dist/nodes/Scalar.js
var require_Scalar = __commonJS({
  "node_modules/yaml/dist/nodes/Scalar.js"(exports) {
    "use strict";
    var identity2 = require_identity();
    var Node2 = require_Node();
    var toJS = require_toJS();
    var isScalarValue = (value) => !value || typeof value !== "function" && typeof value !== "object";
    var Scalar = class extends Node2.NodeBase {
      constructor(value) {
        super(identity2.SCALAR);
        this.value = value;
      }
      toJSON(arg, ctx) {
        return ctx?.keep ? this.value : toJS.toJS(this.value, arg, ctx);
      }
      toString() {
        return String(this.value);
      }
    };
    Scalar.BLOCK_FOLDED = "BLOCK_FOLDED";
    Scalar.BLOCK_LITERAL = "BLOCK_LITERAL";
    Scalar.PLAIN = "PLAIN";
    Scalar.QUOTE_DOUBLE = "QUOTE_DOUBLE";
    Scalar.QUOTE_SINGLE = "QUOTE_SINGLE";
    exports.Scalar = Scalar;
    exports.isScalarValue = isScalarValue;
  }
});

// node_modules/yaml/dist/doc/createNode.js
var require_createNode = __commonJS({
  "node_modules/yaml/dist/doc/createNode.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var identity2 = require_identity();
    var Scalar = require_Scalar();
    var defaultTagPrefix = "tag:yaml.org,2002:";
    function findTagObject(value, tagName, tags) {
      if (tagName) {
        const match = tags.filter((t2) => t2.tag === tagName);
        const tagObj = match.find((t2) => !t2.format) ?? match[0];
        if (!tagObj)
          throw new Error(`Tag ${tagName} not found`);
        return tagObj;
      }
      return tags.find((t2) => t2.identify?.(value) && !t2.format);
    }
    function createNode(value, tagName, ctx) {
      if (identity2.isDocument(value))
        value = value.contents;
      if (identity2.isNode(value))
        return value;
      if (identity2.isPair(value)) {
        const map = ctx.schema[identity2.MAP].createNode?.(ctx.schema, null, ctx);
        map.items.push(value);
        return map;
      }
      if (value instanceof String || value instanceof Number || value instanceof Boolean || typeof BigInt !== "undefined" && value instanceof BigInt) {
        value = value.valueOf();
      }
      const { aliasDuplicateObjects, onAnchor, onTagObj, schema, sourceObjects } = ctx;
      let ref = void 0;
      if (aliasDuplicateObjects && value && typeof value === "object") {
        ref = sourceObjects.get(value);
        if (ref) {
          ref.anchor ?? (ref.anchor = onAnchor(value));
          return new Alias.Alias(ref.anchor);
        } else {
          ref = { anchor: null, node: null };
          sourceObjects.set(value, ref);
        }
      }
      if (tagName?.startsWith("!!"))
        tagName = defaultTagPrefix + tagName.slice(2);
      let tagObj = findTagObject(value, tagName, schema.tags);
      if (!tagObj) {
        if (value && typeof value.toJSON === "function") {
          value = value.toJSON();
        }
        if (!value || typeof value !== "object") {
          const node2 = new Scalar.Scalar(value);
          if (ref)
            ref.node = node2;
          return node2;
        }
        tagObj = value instanceof Map ? schema[identity2.MAP] : Symbol.iterator in Object(value) ? schema[identity2.SEQ] : schema[identity2.MAP];
      }
      if (onTagObj) {
        onTagObj(tagObj);
        delete ctx.onTagObj;
      }
      const node = tagObj?.createNode ? tagObj.createNode(ctx.schema, value, ctx) : typeof tagObj?.nodeClass?.from === "function" ? tagObj.nodeClass.from(ctx.schema, value, ctx) : new Scalar.Scalar(value);
      if (tagName)
        node.tag = tagName;
      else if (!tagObj.default)
        node.tag = tagObj.tag;
      if (ref)
        ref.node = node;
      return node;
    }
    exports.createNode = createNode;
  }
});

// node_modules/yaml/dist/nodes/Collection.js
var require_Collection = __commonJS({
  "node_modules/yaml/dist/nodes/Collection.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var identity2 = require_identity();
    var Node2 = require_Node();
    function collectionFromPath(schema, path, value) {
      let v2 = value;
      for (let i2 = path.length - 1; i2 >= 0; --i2) {
        const k2 = path[i2];
        if (typeof k2 === "number" && Number.isInteger(k2) && k2 >= 0) {
          const a = [];
          a[k2] = v2;
          v2 = a;
        } else {
          v2 = /* @__PURE__ */ new Map([[k2, v2]]);
        }
      }
      return createNode.createNode(v2, void 0, {
        aliasDuplicateObjects: false,
        keepUndefined: false,
        onAnchor: () => {
          throw new Error("This should not happen, please report a bug.");
        },
        schema,
        sourceObjects: /* @__PURE__ */ new Map()
      });
    }
    var isEmptyPath = (path) => path == null || typeof path === "object" && !!path[Symbol.iterator]().next().done;
    var Collection = class extends Node2.NodeBase {
      constructor(type, schema) {
        super(type);
        Object.defineProperty(this, "schema", {
          value: schema,
          configurable: true,
          enumerable: false,
          writable: true
        });
      }
      /**
       * Create a copy of this collection.
       *
       * @param schema - If defined, overwrites the original's schema
       */
      clone(schema) {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (schema)
          copy.schema = schema;
        copy.items = copy.items.map((it2) => identity2.isNode(it2) || identity2.isPair(it2) ? it2.clone(schema) : it2);
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /**
       * Adds a value to the collection. For `!!map` and `!!omap` the value must
       * be a Pair instance or a `{ key, value }` object, which may not have a key
       * that already exists in the map.
       */
      addIn(path, value) {
        if (isEmptyPath(path))
          this.add(value);
        else {
          const [key, ...rest] = path;
          const node = this.get(key, true);
          if (identity2.isCollection(node))
            node.addIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
      }
      /**
       * Removes a value from the collection.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
          return this.delete(key);
        const node = this.get(key, true);
        if (identity2.isCollection(node))
          return node.deleteIn(rest);
        else
          throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path, keepScalar) {
        const [key, ...rest] = path;
        const node = this.get(key, true);
        if (rest.length === 0)
          return !keepScalar && identity2.isScalar(node) ? node.value : node;
        else
          return identity2.isCollection(node) ? node.getIn(rest, keepScalar) : void 0;
      }
      hasAllNullValues(allowScalar) {
        return this.items.every((node) => {
          if (!identity2.isPair(node))
            return false;
          const n = node.value;
          return n == null || allowScalar && identity2.isScalar(n) && n.value == null && !n.commentBefore && !n.comment && !n.tag;
        });
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       */
      hasIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
          return this.has(key);
        const node = this.get(key, true);
        return identity2.isCollection(node) ? node.hasIn(rest) : false;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path, value) {
        const [key, ...rest] = path;
        if (rest.length === 0) {
          this.set(key, value);
        } else {
          const node = this.get(key, true);
          if (identity2.isCollection(node))
            node.setIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
      }
    };
    exports.Collection = Collection;
    exports.collectionFromPath = collectionFromPath;
    exports.isEmptyPath = isEmptyPath;
  }
});

// node_modules/yaml/dist/stringify/stringifyComment.js
var require_stringifyComment = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyComment.js"(exports) {
    "use strict";
    var stringifyComment = (str2) => str2.replace(/^(?!$)(?: $)?/gm, "#");
    function indentComment(comment, indent) {
      if (/^\n+$/.test(comment))
        return comment.substring(1);
      return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
    }
    var lineComment = (str2, indent, comment) => str2.endsWith("\n") ? indentComment(comment, indent) : comment.includes("\n") ? "\n" + indentComment(comment, indent) : (str2.endsWith(" ") ? "" : " ") + comment;
    exports.indentComment = indentComment;
    exports.lineComment = lineComment;
    exports.stringifyComment = stringifyComment;
  }
});

// node_modules/yaml/dist/stringify/foldFlowLines.js
var require_foldFlowLines = __commonJS({
  "node_modules/yaml/dist/stringify/foldFlowLines.js"(exports) {
    "use strict";
    var FOLD_FLOW = "flow";
    var FOLD_BLOCK = "block";
    var FOLD_QUOTED = "quoted";
    function foldFlowLines(text, indent, mode = "flow", { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
      if (!lineWidth || lineWidth < 0)
        return text;
      if (lineWidth < minContentWidth)
        minContentWidth = 0;
      const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
      if (text.length <= endStep)
        return text;
      const folds = [];
      const escapedFolds = {};
      let end = lineWidth - indent.length;
      if (typeof indentAtStart === "number") {
        if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
          folds.push(0);
        else
          end = lineWidth - indentAtStart;
      }
      let split = void 0;
      let prev = void 0;
      let overflow = false;
      let i2 = -1;
      let escStart = -1;
      let escEnd = -1;
      if (mode === FOLD_BLOCK) {
        i2 = consumeMoreIndentedLines(text, i2, indent.length);
        if (i2 !== -1)
          end = i2 + endStep;
      }
      for (let ch; ch = text[i2 += 1]; ) {
        if (mode === FOLD_QUOTED && ch === "\\") {
          escStart = i2;
          switch (text[i2 + 1]) {
            case "x":
              i2 += 3;
              break;
            case "u":
              i2 += 5;
              break;
            case "U":
              i2 += 9;
              break;
            default:
              i2 += 1;
          }
          escEnd = i2;
        }
        if (ch === "\n") {
          if (mode === FOLD_BLOCK)
            i2 = consumeMoreIndentedLines(text, i2, indent.length);
          end = i2 + indent.length + endStep;
          split = void 0;
        } else {
          if (ch === " " && prev && prev !== " " && prev !== "\n" && prev !== "	") {
            const next = text[i2 + 1];
            if (next && next !== " " && next !== "\n" && next !== "	")
              split = i2;
          }
          if (i2 >= end) {
            if (split) {
              folds.push(split);
              end = split + endStep;
              split = void 0;
            } else if (mode === FOLD_QUOTED) {
              while (prev === " " || prev === "	") {
                prev = ch;
                ch = text[i2 += 1];
                overflow = true;
              }
              const j3 = i2 > escEnd + 1 ? i2 - 2 : escStart - 1;
              if (escapedFolds[j3])
                return text;
              folds.push(j3);
              escapedFolds[j3] = true;
              end = j3 + endStep;
              split = void 0;
            } else {
              overflow = true;
            }
          }
        }
        prev = ch;
      }
      if (overflow && onOverflow)
        onOverflow();
      if (folds.length === 0)
        return text;
      if (onFold)
        onFold();
      let res = text.slice(0, folds[0]);
      for (let i3 = 0; i3 < folds.length; ++i3) {
        const fold = folds[i3];
        const end2 = folds[i3 + 1] || text.length;
        if (fold === 0)
          res = `
${indent}${text.slice(0, end2)}`;
        else {
          if (mode === FOLD_QUOTED && escapedFolds[fold])
            res += `${text[fold]}\\`;
          res += `
${indent}${text.slice(fold + 1, end2)}`;
        }
      }
      return res;
    }
    function consumeMoreIndentedLines(text, i2, indent) {
      let end = i2;
      let start2 = i2 + 1;
      let ch = text[start2];
      while (ch === " " || ch === "	") {
        if (i2 < start2 + indent) {
          ch = text[++i2];
        } else {
          do {
            ch = text[++i2];
          } while (ch && ch !== "\n");
          end = i2;
          start2 = i2 + 1;
          ch = text[start2];
        }
      }
      return end;
    }
    exports.FOLD_BLOCK = FOLD_BLOCK;
    exports.FOLD_FLOW = FOLD_FLOW;
    exports.FOLD_QUOTED = FOLD_QUOTED;
    exports.foldFlowLines = foldFlowLines;
  }
});

// node_modules/yaml/dist/stringify/stringifyString.js
var require_stringifyString = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyString.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var foldFlowLines = require_foldFlowLines();
    var getFoldOptions = (ctx, isBlock) => ({
      indentAtStart: isBlock ? ctx.indent.length : ctx.indentAtStart,
      lineWidth: ctx.options.lineWidth,
      minContentWidth: ctx.options.minContentWidth
    });
    var containsDocumentMarker = (str2) => /^(%|---|\.\.\.)/m.test(str2);
    function lineLengthOverLimit(str2, lineWidth, indentLength) {
      if (!lineWidth || lineWidth < 0)
        return false;
      const limit = lineWidth - indentLength;
      const strLen = str2.length;
      if (strLen <= limit)
        return false;
      for (let i2 = 0, start2 = 0; i2 < strLen; ++i2) {
        if (str2[i2] === "\n") {
          if (i2 - start2 > limit)
            return true;
          start2 = i2 + 1;
          if (strLen - start2 <= limit)
            return false;
        }
      }
      return true;
    }
    function doubleQuotedString(value, ctx) {
      const json = JSON.stringify(value);
      if (ctx.options.doubleQuotedAsJSON)
        return json;
      const { implicitKey } = ctx;
      const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      let str2 = "";
      let start2 = 0;
      for (let i2 = 0, ch = json[i2]; ch; ch = json[++i2]) {
        if (ch === " " && json[i2 + 1] === "\\" && json[i2 + 2] === "n") {
          str2 += json.slice(start2, i2) + "\\ ";
          i2 += 1;
          start2 = i2;
          ch = "\\";
        }
        if (ch === "\\")
          switch (json[i2 + 1]) {
            case "u":
              {
                str2 += json.slice(start2, i2);
                const code2 = json.substr(i2 + 2, 4);
                switch (code2) {
                  case "0000":
                    str2 += "\\0";
                    break;
                  case "0007":
                    str2 += "\\a";
                    break;
                  case "000b":
                    str2 += "\\v";
                    break;
                  case "001b":
                    str2 += "\\e";
                    break;
                  case "0085":
                    str2 += "\\N";
                    break;
                  case "00a0":
                    str2 += "\\_";
                    break;
                  case "2028":
                    str2 += "\\L";
                    break;
                  case "2029":
                    str2 += "\\P";
                    break;
                  default:
                    if (code2.substr(0, 2) === "00")
                      str2 += "\\x" + code2.substr(2);
                    else
                      str2 += json.substr(i2, 6);
                }
                i2 += 5;
                start2 = i2 + 1;
              }
              break;
            case "n":
              if (implicitKey || json[i2 + 2] === '"' || json.length < minMultiLineLength) {
                i2 += 1;
              } else {
                str2 += json.slice(start2, i2) + "\n\n";
                while (json[i2 + 2] === "\\" && json[i2 + 3] === "n" && json[i2 + 4] !== '"') {
                  str2 += "\n";
                  i2 += 2;
                }
                str2 += indent;
                if (json[i2 + 2] === " ")
                  str2 += "\\";
                i2 += 1;
                start2 = i2 + 1;
              }
              break;
            default:
              i2 += 1;
          }
      }
      str2 = start2 ? str2 + json.slice(start2) : json;
      return implicitKey ? str2 : foldFlowLines.foldFlowLines(str2, indent, foldFlowLines.FOLD_QUOTED, getFoldOptions(ctx, false));
    }
    function singleQuotedString(value, ctx) {
      if (ctx.options.singleQuote === false || ctx.implicitKey && value.includes("\n") || /[ \t]\n|\n[ \t]/.test(value))
        return doubleQuotedString(value, ctx);
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      const res = "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&
${indent}`) + "'";
      return ctx.implicitKey ? res : foldFlowLines.foldFlowLines(res, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function quotedString(value, ctx) {
      const { singleQuote } = ctx.options;
      let qs2;
      if (singleQuote === false)
        qs2 = doubleQuotedString;
      else {
        const hasDouble = value.includes('"');
        const hasSingle = value.includes("'");
        if (hasDouble && !hasSingle)
          qs2 = singleQuotedString;
        else if (hasSingle && !hasDouble)
          qs2 = doubleQuotedString;
        else
          qs2 = singleQuote ? singleQuotedString : doubleQuotedString;
      }
      return qs2(value, ctx);
    }
    var blockEndNewlines;
    try {
      blockEndNewlines = new RegExp("(^|(?<!\n))\n+(?!\n|$)", "g");
    } catch {
      blockEndNewlines = /\n+(?!\n|$)/g;
    }
    function blockString({ comment, type, value }, ctx, onComment, onChompKeep) {
      const { blockQuote, commentString, lineWidth } = ctx.options;
      if (!blockQuote || /\n[\t ]+$/.test(value)) {
        return quotedString(value, ctx);
      }
      const indent = ctx.indent || (ctx.forceBlockIndent || containsDocumentMarker(value) ? "  " : "");
      const literal = blockQuote === "literal" ? true : blockQuote === "folded" || type === Scalar.Scalar.BLOCK_FOLDED ? false : type === Scalar.Scalar.BLOCK_LITERAL ? true : !lineLengthOverLimit(value, lineWidth, indent.length);
      if (!value)
        return literal ? "|\n" : ">\n";
      let chomp;
      let endStart;
      for (endStart = value.length; endStart > 0; --endStart) {
        const ch = value[endStart - 1];
        if (ch !== "\n" && ch !== "	" && ch !== " ")
          break;
      }
      let end = value.substring(endStart);
      const endNlPos = end.indexOf("\n");
      if (endNlPos === -1) {
        chomp = "-";
      } else if (value === end || endNlPos !== end.length - 1) {
        chomp = "+";
        if (onChompKeep)
          onChompKeep();
      } else {
        chomp = "";
      }
      if (end) {
        value = value.slice(0, -end.length);
        if (end[end.length - 1] === "\n")
          end = end.slice(0, -1);
        end = end.replace(blockEndNewlines, `$&${indent}`);
      }
      let startWithSpace = false;
      let startEnd;
      let startNlPos = -1;
      for (startEnd = 0; startEnd < value.length; ++startEnd) {
        const ch = value[startEnd];
        if (ch === " ")
          startWithSpace = true;
        else if (ch === "\n")
          startNlPos = startEnd;
        else
          break;
      }
      let start2 = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
      if (start2) {
        value = value.substring(start2.length);
        start2 = start2.replace(/\n+/g, `$&${indent}`);
      }
      const indentSize = indent ? "2" : "1";
      let header = (startWithSpace ? indentSize : "") + chomp;
      if (comment) {
        header += " " + commentString(comment.replace(/ ?[\r\n]+/g, " "));
        if (onComment)
          onComment();
      }
      if (!literal) {
        const foldedValue = value.replace(/\n+/g, "\n$&").replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, "$1$2").replace(/\n+/g, `$&${indent}`);
        let literalFallback = false;
        const foldOptions = getFoldOptions(ctx, true);
        if (blockQuote !== "folded" && type !== Scalar.Scalar.BLOCK_FOLDED) {
          foldOptions.onOverflow = () => {
            literalFallback = true;
          };
        }
        const body2 = foldFlowLines.foldFlowLines(`${start2}${foldedValue}${end}`, indent, foldFlowLines.FOLD_BLOCK, foldOptions);
        if (!literalFallback)
          return `>${header}
${indent}${body2}`;
      }
      value = value.replace(/\n+/g, `$&${indent}`);
      return `|${header}
${indent}${start2}${value}${end}`;
    }
    function plainString(item, ctx, onComment, onChompKeep) {
      const { type, value } = item;
      const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
      if (implicitKey && value.includes("\n") || inFlow && /[[\]{},]/.test(value)) {
        return quotedString(value, ctx);
      }
      if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value)) {
        return implicitKey || inFlow || !value.includes("\n") ? quotedString(value, ctx) : blockString(item, ctx, onComment, onChompKeep);
      }
      if (!implicitKey && !inFlow && type !== Scalar.Scalar.PLAIN && value.includes("\n")) {
        return blockString(item, ctx, onComment, onChompKeep);
      }
      if (containsDocumentMarker(value)) {
        if (indent === "") {
          ctx.forceBlockIndent = true;
          return blockString(item, ctx, onComment, onChompKeep);
        } else if (implicitKey && indent === indentStep) {
          return quotedString(value, ctx);
        }
      }
      const str2 = value.replace(/\n+/g, `$&
${indent}`);
      if (actualString) {
        const test = (tag) => tag.default && tag.tag !== "tag:yaml.org,2002:str" && tag.test?.test(str2);
        const { compat, tags } = ctx.doc.schema;
        if (tags.some(test) || compat?.some(test))
          return quotedString(value, ctx);
      }
      return implicitKey ? str2 : foldFlowLines.foldFlowLines(str2, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function stringifyString(item, ctx, onComment, onChompKeep) {
      const { implicitKey, inFlow } = ctx;
      const ss2 = typeof item.value === "string" ? item : Object.assign({}, item, { value: String(item.value) });
      let { type } = item;
      if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss2.value))
          type = Scalar.Scalar.QUOTE_DOUBLE;
      }
      const _stringify = (_type) => {
        switch (_type) {
          case Scalar.Scalar.BLOCK_FOLDED:
          case Scalar.Scalar.BLOCK_LITERAL:
            return implicitKey || inFlow ? quotedString(ss2.value, ctx) : blockString(ss2, ctx, onComment, onChompKeep);
          case Scalar.Scalar.QUOTE_DOUBLE:
            return doubleQuotedString(ss2.value, ctx);
          case Scalar.Scalar.QUOTE_SINGLE:
            return singleQuotedString(ss2.value, ctx);
          case Scalar.Scalar.PLAIN:
            return plainString(ss2, ctx, onComment, onChompKeep);
          default:
            return null;
        }
      };
      let res = _stringify(type);
      if (res === null) {
        const { defaultKeyType, defaultStringType } = ctx.options;
        const t2 = implicitKey && defaultKeyType || defaultStringType;
        res = _stringify(t2);
        if (res === null)
          throw new Error(`Unsupported default string type ${t2}`);
      }
      return res;
    }
    exports.stringifyString = stringifyString;
  }
});

// node_modules/yaml/dist/stringify/stringify.js
var require_stringify = __commonJS({
  "node_modules/yaml/dist/stringify/stringify.js"(exports) {
    "use strict";
    var anchors = require_anchors();
    var identity2 = require_identity();
    var stringifyComment = require_stringifyComment();
    var stringifyString = require_stringifyString();
    function createStringifyContext(doc, options) {
      const opt = Object.assign({
        blockQuote: true,
        commentString: stringifyComment.stringifyComment,
        defaultKeyType: null,
        defaultStringType: "PLAIN",
        directives: null,
        doubleQuotedAsJSON: false,
        doubleQuotedMinMultiLineLength: 40,
        falseStr: "false",
        flowCollectionPadding: true,
        indentSeq: true,
        lineWidth: 80,
        minContentWidth: 20,
        nullStr: "null",
        simpleKeys: false,
        singleQuote: null,
        trailingComma: false,
        trueStr: "true",
        verifyAliasOrder: true
      }, doc.schema.toStringOptions, options);
      let inFlow;
      switch (opt.collectionStyle) {
        case "block":
          inFlow = false;
          break;
        case "flow":
          inFlow = true;
          break;
        default:
          inFlow = null;
      }
      return {
        anchors: /* @__PURE__ */ new Set(),
        doc,
        flowCollectionPadding: opt.flowCollectionPadding ? " " : "",
        indent: "",
        indentStep: typeof opt.indent === "number" ? " ".repeat(opt.indent) : "  ",
        inFlow,
        options: opt
      };
    }
    function getTagObject(tags, item) {
      if (item.tag) {
        const match = tags.filter((t2) => t2.tag === item.tag);
        if (match.length > 0)
          return match.find((t2) => t2.format === item.format) ?? match[0];
      }
      let tagObj = void 0;
      let obj;
      if (identity2.isScalar(item)) {
        obj = item.value;
        let match = tags.filter((t2) => t2.identify?.(obj));
        if (match.length > 1) {
          const testMatch = match.filter((t2) => t2.test);
          if (testMatch.length > 0)
            match = testMatch;
        }
        tagObj = match.find((t2) => t2.format === item.format) ?? match.find((t2) => !t2.format);
      } else {
        obj = item;
        tagObj = tags.find((t2) => t2.nodeClass && obj instanceof t2.nodeClass);
      }
      if (!tagObj) {
        const name2 = obj?.constructor?.name ?? (obj === null ? "null" : typeof obj);
        throw new Error(`Tag not resolved for ${name2} value`);
      }
      return tagObj;
    }
    function stringifyProps(node, tagObj, { anchors: anchors$1, doc }) {
      if (!doc.directives)
        return "";
      const props = [];
      const anchor = (identity2.isScalar(node) || identity2.isCollection(node)) && node.anchor;
      if (anchor && anchors.anchorIsValid(anchor)) {
        anchors$1.add(anchor);
        props.push(`&${anchor}`);
      }
      const tag = node.tag ?? (tagObj.default ? null : tagObj.tag);
      if (tag)
        props.push(doc.directives.tagString(tag));
      return props.join(" ");
    }
    function stringify(item, ctx, onComment, onChompKeep) {
      if (identity2.isPair(item))
        return item.toString(ctx, onComment, onChompKeep);
      if (identity2.isAlias(item)) {
        if (ctx.doc.directives)
          return item.toString(ctx);
        if (ctx.resolvedAliases?.has(item)) {
          throw new TypeError(`Cannot stringify circular structure without alias nodes`);
        } else {
          if (ctx.resolvedAliases)
            ctx.resolvedAliases.add(item);
          else
            ctx.resolvedAliases = /* @__PURE__ */ new Set([item]);
          item = item.resolve(ctx.doc);
        }
      }
      let tagObj = void 0;
      const node = identity2.isNode(item) ? item : ctx.doc.createNode(item, { onTagObj: (o2) => tagObj = o2 });
      tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node));
      const props = stringifyProps(node, tagObj, ctx);
      if (props.length > 0)
        ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
      const str2 = typeof tagObj.stringify === "function" ? tagObj.stringify(node, ctx, onComment, onChompKeep) : identity2.isScalar(node) ? stringifyString.stringifyString(node, ctx, onComment, onChompKeep) : node.toString(ctx, onComment, onChompKeep);
      if (!props)
        return str2;
      return identity2.isScalar(node) || str2[0] === "{" || str2[0] === "[" ? `${props} ${str2}` : `${props}
${ctx.indent}${str2}`;
    }
    exports.createStringifyContext = createStringifyContext;
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/stringify/stringifyPair.js
var require_stringifyPair = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyPair.js"(exports) {
    "use strict";
    var identity2 = require_identity();
    var Scalar = require_Scalar();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyPair({ key, value }, ctx, onComment, onChompKeep) {
      const { allNullValues, doc, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
      let keyComment = identity2.isNode(key) && key.comment || null;
      if (simpleKeys) {
        if (keyComment) {
          throw new Error("With simple keys, key nodes cannot have comments");
        }
        if (identity2.isCollection(key) || !identity2.isNode(key) && typeof key === "object") {
          const msg = "With simple keys, collection cannot be used as a key value";
          throw new Error(msg);
        }
      }
      let explicitKey = !simpleKeys && (!key || keyComment && value == null && !ctx.inFlow || identity2.isCollection(key) || (identity2.isScalar(key) ? key.type === Scalar.Scalar.BLOCK_FOLDED || key.type === Scalar.Scalar.BLOCK_LITERAL : typeof key === "object"));
      ctx = Object.assign({}, ctx, {
        allNullValues: false,
        implicitKey: !explicitKey && (simpleKeys || !allNullValues),
        indent: indent + indentStep
      });
      let keyCommentDone = false;
      let chompKeep = false;
      let str2 = stringify.stringify(key, ctx, () => keyCommentDone = true, () => chompKeep = true);
      if (!explicitKey && !ctx.inFlow && str2.length > 1024) {
        if (simpleKeys)
          throw new Error("With simple keys, single line scalar must not span more than 1024 characters");
        explicitKey = true;
      }
      if (ctx.inFlow) {
        if (allNullValues || value == null) {
          if (keyCommentDone && onComment)
            onComment();
          return str2 === "" ? "?" : explicitKey ? `? ${str2}` : str2;
        }
      } else if (allNullValues && !simpleKeys || value == null && explicitKey) {
        str2 = `? ${str2}`;
        if (keyComment && !keyCommentDone) {
          str2 += stringifyComment.lineComment(str2, ctx.indent, commentString(keyComment));
        } else if (chompKeep && onChompKeep)
          onChompKeep();
        return str2;
      }
      if (keyCommentDone)
        keyComment = null;
      if (explicitKey) {
        if (keyComment)
          str2 += stringifyComment.lineComment(str2, ctx.indent, commentString(keyComment));
        str2 = `? ${str2}
${indent}:`;
      } else {
        str2 = `${str2}:`;
        if (keyComment)
          str2 += stringifyComment.lineComment(str2, ctx.indent, commentString(keyComment));
      }
      let vsb, vcb, valueComment;
      if (identity2.isNode(value)) {
        vsb = !!value.spaceBefore;
        vcb = value.commentBefore;
        valueComment = value.comment;
      } else {
        vsb = false;
        vcb = null;
        valueComment = null;
        if (value && typeof value === "object")
          value = doc.createNode(value);
      }
      ctx.implicitKey = false;
      if (!explicitKey && !keyComment && identity2.isScalar(value))
        ctx.indentAtStart = str2.length + 1;
      chompKeep = false;
      if (!indentSeq && indentStep.length >= 2 && !ctx.inFlow && !explicitKey && identity2.isSeq(value) && !value.flow && !value.tag && !value.anchor) {
        ctx.indent = ctx.indent.substring(2);
      }
      let valueCommentDone = false;
      const valueStr = stringify.stringify(value, ctx, () => valueCommentDone = true, () => chompKeep = true);
      let ws2 = " ";
      if (keyComment || vsb || vcb) {
        ws2 = vsb ? "\n" : "";
        if (vcb) {
          const cs2 = commentString(vcb);
          ws2 += `
${stringifyComment.indentComment(cs2, ctx.indent)}`;
        }
        if (valueStr === "" && !ctx.inFlow) {
          if (ws2 === "\n" && valueComment)
            ws2 = "\n\n";
        } else {
          ws2 += `
${ctx.indent}`;
        }
      } else if (!explicitKey && identity2.isCollection(value)) {
        const vs0 = valueStr[0];
        const nl0 = valueStr.indexOf("\n");
        const hasNewline = nl0 !== -1;
        const flow = ctx.inFlow ?? value.flow ?? value.items.length === 0;
        if (hasNewline || !flow) {
          let hasPropsLine = false;
          if (hasNewline && (vs0 === "&" || vs0 === "!")) {
            let sp0 = valueStr.indexOf(" ");
            if (vs0 === "&" && sp0 !== -1 && sp0 < nl0 && valueStr[sp0 + 1] === "!") {
              sp0 = valueStr.indexOf(" ", sp0 + 1);
            }
            if (sp0 === -1 || nl0 < sp0)
              hasPropsLine = true;
          }
          if (!hasPropsLine)
            ws2 = `
${ctx.indent}`;
        }
      } else if (valueStr === "" || valueStr[0] === "\n") {
        ws2 = "";
      }
      str2 += ws2 + valueStr;
      if (ctx.inFlow) {
        if (valueCommentDone && onComment)
          onComment();
      } else if (valueComment && !valueCommentDone) {
        str2 += stringifyComment.lineComment(str2, ctx.indent, commentString(valueComment));
      } else if (chompKeep && onChompKeep) {
        onChompKeep();
      }
      return str2;
    }
    exports.stringifyPair = stringifyPair;
  }
});

// node_modules/yaml/dist/log.js
var require_log = __commonJS({
  "node_modules/yaml/dist/log.js"(exports) {
    "use strict";
    var node_process = __require("process");
    function debug(logLevel, ...messages) {
      if (logLevel === "debug")
        console.log(...messages);
    }
    function warn(logLevel, warning) {
      if (logLevel === "debug" || logLevel === "warn") {
        if (typeof node_process.emitWarning === "function")
          node_process.emitWarning(warning);
        else
          console.warn(warning);
      }
    }
    exports.debug = debug;
    exports.warn = warn;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/merge.js
var require_merge = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/merge.js"(exports) {
    "use strict";
    var identity2 = require_identity();
    var Scalar = require_Scalar();
    var MERGE_KEY = "<<";
    var merge = {
      identify: (value) => value === MERGE_KEY || typeof value === "symbol" && value.description === MERGE_KEY,
      default: "key",
      tag: "tag:yaml.org,2002:merge",
      test: /^<<$/,
      resolve: () => Object.assign(new Scalar.Scalar(Symbol(MERGE_KEY)), {
        addToJSMap: addMergeToJSMap
      }),
      stringify: () => MERGE_KEY
    };
    var isMergeKey = (ctx, key) => (merge.identify(key) || identity2.isScalar(key) && (!key.type || key.type === Scalar.Scalar.PLAIN) && merge.identify(key.value)) && ctx?.doc.schema.tags.some((tag) => tag.tag === merge.tag && tag.default);
    function addMergeToJSMap(ctx, map, value) {
      const source2 = resolveAliasValue(ctx, value);
      if (identity2.isSeq(source2))
        for (const it2 of source2.items)
          mergeValue(ctx, map, it2);
      else if (Array.isArray(source2))
        for (const it2 of source2)
          mergeValue(ctx, map, it2);
      else
        mergeValue(ctx, map, source2);
    }
    function mergeValue(ctx, map, value) {
      const source2 = resolveAliasValue(ctx, value);
      if (!identity2.isMap(source2))
        throw new Error("Merge sources must be maps or map aliases");
      const srcMap = source2.toJSON(null, ctx, Map);
      for (const [key, value2] of srcMap) {
        if (map instanceof Map) {
          if (!map.has(key))
            map.set(key, value2);
        } else if (map instanceof Set) {
          map.add(key);
        } else if (!Object.prototype.hasOwnProperty.call(map, key)) {
          Object.defineProperty(map, key, {
            value: value2,
            writable: true,
            enumerable: true,
            configurable: true
          });
        }
      }
      return map;
    }
    function resolveAliasValue(ctx, value) {
      return ctx && identity2.isAlias(value) ? value.resolve(ctx.doc, ctx) : value;
    }
    exports.addMergeToJSMap = addMergeToJSMap;
    exports.isMergeKey = isMergeKey;
    exports.merge = merge;
  }
});

// node_modules/yaml/dist/nodes/addPairToJSMap.js
var require_addPairToJSMap = __commonJS({
  "node_modules/yaml/dist/nodes/addPairToJSMap.js"(exports) {
    "use strict";
    var log = require_log();
    var merge = require_merge();
    var stringify = require_stringify();
    var identity2 = require_identity();
    var toJS = require_toJS();
    function addPairToJSMap(ctx, map, { key, value }) {
      if (identity2.isNode(key) && key.addToJSMap)
        key.addToJSMap(ctx, map, value);
      else if (merge.isMergeKey(ctx, key))
        merge.addMergeToJSMap(ctx, map, value);
      else {
        const jsKey = toJS.toJS(key, "", ctx);
        if (map instanceof Map) {
          map.set(jsKey, toJS.toJS(value, jsKey, ctx));
        } else if (map instanceof Set) {
          map.add(jsKey);
        } else {
          const stringKey = stringifyKey(key, jsKey, ctx);
          const jsValue = toJS.toJS(value, stringKey, ctx);
          if (stringKey in map)
            Object.defineProperty(map, stringKey, {
              value: jsValue,
              writable: true,
              enumerable: true,
              configurable: true
            });
          else
            map[stringKey] = jsValue;
        }
      }
      return map;
    }
    function stringifyKey(key, jsKey, ctx) {
      if (jsKey === null)
        return "";
      if (typeof jsKey !== "object")
        return String(jsKey);
      if (identity2.isNode(key) && ctx?.doc) {
        const strCtx = stringify.createStringifyContext(ctx.doc, {});
        strCtx.anchors = /* @__PURE__ */ new Set();
        for (const node of ctx.anchors.keys())
          strCtx.anchors.add(node.anchor);
        strCtx.inFlow = true;
        strCtx.inStringifyKey = true;
        const strKey = key.toString(strCtx);
        if (!ctx.mapKeyWarned) {
          let jsonStr = JSON.stringify(strKey);
          if (jsonStr.length > 40)
            jsonStr = jsonStr.substring(0, 36) + '..."';
          log.warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
          ctx.mapKeyWarned = true;
        }
        return strKey;
      }
      return JSON.stringify(jsKey);
    }
    exports.addPairToJSMap = addPairToJSMap;
  }
});

// node_modules/yaml/dist/nodes/Pair.js
var require_Pair = __commonJS({
  "node_modules/yaml/dist/nodes/Pair.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var stringifyPair = require_stringifyPair();
    var addPairToJSMap = require_addPairToJSMap();
    var identity2 = require_identity();
    function createPair(key, value, ctx) {
      const k2 = createNode.createNode(key, void 0, ctx);
      const v2 = createNode.createNode(value, void 0, ctx);
      return new Pair(k2, v2);
    }
    var Pair = class _Pair {
      constructor(key, value = null) {
        Object.defineProperty(this, identity2.NODE_TYPE, { value: identity2.PAIR });
        this.key = key;
        this.value = value;
      }
      clone(schema) {
        let { key, value } = this;
        if (identity2.isNode(key))
          key = key.clone(schema);
        if (identity2.isNode(value))
          value = value.clone(schema);
        return new _Pair(key, value);
      }
      toJSON(_3, ctx) {
        const pair2 = ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        return addPairToJSMap.addPairToJSMap(ctx, pair2, this);
      }
      toString(ctx, onComment, onChompKeep) {
        return ctx?.doc ? stringifyPair.stringifyPair(this, ctx, onComment, onChompKeep) : JSON.stringify(this);
      }
    };
    exports.Pair = Pair;
    exports.createPair = createPair;
  }
});

// node_modules/yaml/dist/stringify/stringifyCollection.js
var require_stringifyCollection = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyCollection.js"(exports) {
    "use strict";
    var identity2 = require_identity();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyCollection(collection, ctx, options) {
      const flow = ctx.inFlow ?? collection.flow;
      const stringify2 = flow ? stringifyFlowCollection : stringifyBlockCollection;
      return stringify2(collection, ctx, options);
    }
    function stringifyBlockCollection({ comment, items }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
      const { indent, options: { commentString } } = ctx;
      const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
      let chompKeep = false;
      const lines = [];
      for (let i2 = 0; i2 < items.length; ++i2) {
        const item = items[i2];
        let comment2 = null;
        if (identity2.isNode(item)) {
          if (!chompKeep && item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, chompKeep);
          if (item.comment)
            comment2 = item.comment;
        } else if (identity2.isPair(item)) {
          const ik = identity2.isNode(item.key) ? item.key : null;
          if (ik) {
            if (!chompKeep && ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, chompKeep);
          }
        }
        chompKeep = false;
        let str3 = stringify.stringify(item, itemCtx, () => comment2 = null, () => chompKeep = true);
        if (comment2)
          str3 += stringifyComment.lineComment(str3, itemIndent, commentString(comment2));
        if (chompKeep && comment2)
          chompKeep = false;
        lines.push(blockItemPrefix + str3);
      }
      let str2;
      if (lines.length === 0) {
        str2 = flowChars.start + flowChars.end;
      } else {
        str2 = lines[0];
        for (let i2 = 1; i2 < lines.length; ++i2) {
          const line2 = lines[i2];
          str2 += line2 ? `
${indent}${line2}` : "\n";
        }
      }
      if (comment) {
        str2 += "\n" + stringifyComment.indentComment(commentString(comment), indent);
        if (onComment)
          onComment();
      } else if (chompKeep && onChompKeep)
        onChompKeep();
      return str2;
    }
    function stringifyFlowCollection({ items }, ctx, { flowChars, itemIndent }) {
      const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
      itemIndent += indentStep;
      const itemCtx = Object.assign({}, ctx, {
        indent: itemIndent,
        inFlow: true,
        type: null
      });
      let reqNewline = false;
      let linesAtValue = 0;
      const lines = [];
      for (let i2 = 0; i2 < items.length; ++i2) {
        const item = items[i2];
        let comment = null;
        if (identity2.isNode(item)) {
          if (item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, false);
          if (item.comment)
            comment = item.comment;
        } else if (identity2.isPair(item)) {
          const ik = identity2.isNode(item.key) ? item.key : null;
          if (ik) {
            if (ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, false);
            if (ik.comment)
              reqNewline = true;
          }
          const iv = identity2.isNode(item.value) ? item.value : null;
          if (iv) {
            if (iv.comment)
              comment = iv.comment;
            if (iv.commentBefore)
              reqNewline = true;
          } else if (item.value == null && ik?.comment) {
            comment = ik.comment;
          }
        }
        if (comment)
          reqNewline = true;
        let str2 = stringify.stringify(item, itemCtx, () => comment = null);
        reqNewline || (reqNewline = lines.length > linesAtValue || str2.includes("\n"));
        if (i2 < items.length - 1) {
          str2 += ",";
        } else if (ctx.options.trailingComma) {
          if (ctx.options.lineWidth > 0) {
            reqNewline || (reqNewline = lines.reduce((sum, line2) => sum + line2.length + 2, 2) + (str2.length + 2) > ctx.options.lineWidth);
          }
          if (reqNewline) {
            str2 += ",";
          }
        }
        if (comment)
          str2 += stringifyComment.lineComment(str2, itemIndent, commentString(comment));
        lines.push(str2);
        linesAtValue = lines.length;
      }
      const { start: start2, end } = flowChars;
      if (lines.length === 0) {
        return start2 + end;
      } else {
        if (!reqNewline) {
          const len = lines.reduce((sum, line2) => sum + line2.length + 2, 2);
          reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
        }
        if (reqNewline) {
          let str2 = start2;
          for (const line2 of lines)
            str2 += line2 ? `
${indentStep}${indent}${line2}` : "\n";
          return `${str2}
${indent}${end}`;
        } else {
          return `${start2}${fcPadding}${lines.join(" ")}${fcPadding}${end}`;
        }
      }
    }
    function addCommentBefore({ indent, options: { commentString } }, lines, comment, chompKeep) {
      if (comment && chompKeep)
        comment = comment.replace(/^\n+/, "");
      if (comment) {
        const ic = stringifyComment.indentComment(commentString(comment), indent);
        lines.push(ic.trimStart());
      }
    }
    exports.stringifyCollection = stringifyCollection;
  }
});

// node_modules/yaml/dist/nodes/YAMLMap.js
var require_YAMLMap = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLMap.js"(exports) {
    "use strict";
    var stringifyCollection = require_stringifyCollection();
    var addPairToJSMap = require_addPairToJSMap();
    var Collection = require_Collection();
    var identity2 = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    function findPair(items, key) {
      const k2 = identity2.isScalar(key) ? key.value : key;
      for (const it2 of items) {
        if (identity2.isPair(it2)) {
          if (it2.key === key || it2.key === k2)
            return it2;
          if (identity2.isScalar(it2.key) && it2.key.value === k2)
            return it2;
        }
      }
      return void 0;
    }
    var YAMLMap = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:map";
      }
      constructor(schema) {
        super(identity2.MAP, schema);
        this.items = [];
      }
      /**
       * A generic collection parsing method that can be extended
       * to other node classes that inherit from YAMLMap
       */
      static from(schema, obj, ctx) {
        const { keepUndefined, replacer } = ctx;
        const map = new this(schema);
        const add = (key, value) => {
          if (typeof replacer === "function")
            value = replacer.call(obj, key, value);
          else if (Array.isArray(replacer) && !replacer.includes(key))
            return;
          if (value !== void 0 || keepUndefined)
            map.items.push(Pair.createPair(key, value, ctx));
        };
        if (obj instanceof Map) {
          for (const [key, value] of obj)
            add(key, value);
        } else if (obj && typeof obj === "object") {
          for (const key of Object.keys(obj))
            add(key, obj[key]);
        }
        if (typeof schema.sortMapEntries === "function") {
          map.items.sort(schema.sortMapEntries);
        }
        return map;
      }
      /**
       * Adds a value to the collection.
       *
       * @param overwrite - If not set `true`, using a key that is already in the
       *   collection will throw. Otherwise, overwrites the previous value.
       */
      add(pair2, overwrite) {
        let _pair;
        if (identity2.isPair(pair2))
          _pair = pair2;
        else if (!pair2 || typeof pair2 !== "object" || !("key" in pair2)) {
          _pair = new Pair.Pair(pair2, pair2?.value);
        } else
          _pair = new Pair.Pair(pair2.key, pair2.value);
        const prev = findPair(this.items, _pair.key);
        const sortEntries = this.schema?.sortMapEntries;
        if (prev) {
          if (!overwrite)
            throw new Error(`Key ${_pair.key} already set`);
          if (identity2.isScalar(prev.value) && Scalar.isScalarValue(_pair.value))
            prev.value.value = _pair.value;
          else
            prev.value = _pair.value;
        } else if (sortEntries) {
          const i2 = this.items.findIndex((item) => sortEntries(_pair, item) < 0);
          if (i2 === -1)
            this.items.push(_pair);
          else
            this.items.splice(i2, 0, _pair);
        } else {
          this.items.push(_pair);
        }
      }
      delete(key) {
        const it2 = findPair(this.items, key);
        if (!it2)
          return false;
        const del = this.items.splice(this.items.indexOf(it2), 1);
        return del.length > 0;
      }
      get(key, keepScalar) {
        const it2 = findPair(this.items, key);
        const node = it2?.value;
        return (!keepScalar && identity2.isScalar(node) ? node.value : node) ?? void 0;
      }
      has(key) {
        return !!findPair(this.items, key);
      }
      set(key, value) {
        this.add(new Pair.Pair(key, value), true);
      }
      /**
       * @param ctx - Conversion context, originally set in Document#toJS()
       * @param {Class} Type - If set, forces the returned collection type
       * @returns Instance of Type, Map, or Object
       */
      toJSON(_3, ctx, Type) {
        const map = Type ? new Type() : ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const item of this.items)
          addPairToJSMap.addPairToJSMap(ctx, map, item);
        return map;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        for (const item of this.items) {
          if (!identity2.isPair(item))
            throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
        }
        if (!ctx.allNullValues && this.hasAllNullValues(false))
          ctx = Object.assign({}, ctx, { allNullValues: true });
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "",
          flowChars: { start: "{", end: "}" },
          itemIndent: ctx.indent || "",
          onChompKeep,
          onComment
        });
      }
    };
    exports.YAMLMap = YAMLMap;
    exports.findPair = findPair;
  }
});

// node_modules/yaml/dist/schema/common/map.js
var require_map = __commonJS({
  "node_modules/yaml/dist/schema/common/map.js"(exports) {
    "use strict";
    var identity2 = require_identity();
    var YAMLMap = require_YAMLMap();
    var map = {
      collection: "map",
      default: true,
      nodeClass: YAMLMap.YAMLMap,
      tag: "tag:yaml.org,2002:map",
      resolve(map2, onError) {
        if (!identity2.isMap(map2))
          onError("Expected a mapping for this tag");
        return map2;
      },
      createNode: (schema, obj, ctx) => YAMLMap.YAMLMap.from(schema, obj, ctx)
    };
    exports.map = map;
  }
});

// node_modules/yaml/dist/nodes/YAMLSeq.js
var require_YAMLSeq = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLSeq.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var stringifyCollection = require_stringifyCollection();
    var Collection = require_Collection();
    var identity2 = require_identity();
    var Scalar = require_Scalar();
    var toJS = require_toJS();
    var YAMLSeq = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:seq";
      }
      constructor(schema) {
        super(identity2.SEQ, schema);
        this.items = [];
      }
      add(value) {
        this.items.push(value);
      }
      /**
       * Removes a value from the collection.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       *
       * @returns `true` if the item was found and removed.
       */
      delete(key) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          return false;
        const del = this.items.splice(idx, 1);
        return del.length > 0;
      }
      get(key, keepScalar) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          return void 0;
        const it2 = this.items[idx];
        return !keepScalar && identity2.isScalar(it2) ? it2.value : it2;
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       */
      has(key) {
        const idx = asItemIndex(key);
        return typeof idx === "number" && idx < this.items.length;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       *
       * If `key` does not contain a representation of an integer, this will throw.
       * It may be wrapped in a `Scalar`.
       */
      set(key, value) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          throw new Error(`Expected a valid index, not ${key}.`);
        const prev = this.items[idx];
        if (identity2.isScalar(prev) && Scalar.isScalarValue(value))
          prev.value = value;
        else
          this.items[idx] = value;
      }
      toJSON(_3, ctx) {
        const seq = [];
        if (ctx?.onCreate)
          ctx.onCreate(seq);
        let i2 = 0;
        for (const item of this.items)
          seq.push(toJS.toJS(item, String(i2++), ctx));
        return seq;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "- ",
          flowChars: { start: "[", end: "]" },
          itemIndent: (ctx.indent || "") + "  ",
          onChompKeep,
          onComment
        });
      }
      static from(schema, obj, ctx) {
        const { replacer } = ctx;
        const seq = new this(schema);
        if (obj && Symbol.iterator in Object(obj)) {
          let i2 = 0;
          for (let it2 of obj) {
            if (typeof replacer === "function") {
              const key = obj instanceof Set ? it2 : String(i2++);
              it2 = replacer.call(obj, key, it2);
            }
            seq.items.push(createNode.createNode(it2, void 0, ctx));
          }
        }
        return seq;
      }
    };
    function asItemIndex(key) {
      let idx = identity2.isScalar(key) ? key.value : key;
      if (idx && typeof idx === "string")
        idx = Number(idx);
      return typeof idx === "number" && Number.isInteger(idx) && idx >= 0 ? idx : null;
    }
    exports.YAMLSeq = YAMLSeq;
  }
});

// node_modules/yaml/dist/schema/common/seq.js
var require_seq = __commonJS({
  "node_modules/yaml/dist/schema/common/seq.js"(exports) {
    "use strict";
    var identity2 = require_identity();
    var YAMLSeq = require_YAMLSeq();
    var seq = {
      collection: "seq",
      default: true,
      nodeClass: YAMLSeq.YAMLSeq,
      tag: "tag:yaml.org,2002:seq",
      resolve(seq2, onError) {
        if (!identity2.isSeq(seq2))
          onError("Expected a sequence for this tag");
        return seq2;
      },
      createNode: (schema, obj, ctx) => YAMLSeq.YAMLSeq.from(schema, obj, ctx)
    };
    exports.seq = seq;
  }
});

// node_modules/yaml/dist/schema/common/string.js
var require_string = __commonJS({
  "node_modules/yaml/dist/schema/common/string.js"(exports) {
    "use strict";
    var stringifyString = require_stringifyString();
    var string = {
      identify: (value) => typeof value === "string",
      default: true,
      tag: "tag:yaml.org,2002:str",
      resolve: (str2) => str2,
      stringify(item, ctx, onComment, onChompKeep) {
        ctx = Object.assign({ actualString: true }, ctx);
        return stringifyString.stringifyString(item, ctx, onComment, onChompKeep);
      }
    };
    exports.string = string;
  }
});

// node_modules/yaml/dist/schema/common/null.js
var require_null = __commonJS({
  "node_modules/yaml/dist/schema/common/null.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var nullTag = {
      identify: (value) => value == null,
      createNode: () => new Scalar.Scalar(null),
      default: true,
      tag: "tag:yaml.org,2002:null",
      test: /^(?:~|[Nn]ull|NULL)?$/,
      resolve: () => new Scalar.Scalar(null),
      stringify: ({ source: source2 }, ctx) => typeof source2 === "string" && nullTag.test.test(source2) ? source2 : ctx.options.nullStr
    };
    exports.nullTag = nullTag;
  }
});

// node_modules/yaml/dist/schema/core/bool.js
var require_bool = __commonJS({
  "node_modules/yaml/dist/schema/core/bool.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var boolTag = {
      identify: (value) => typeof value === "boolean",
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
      resolve: (str2) => new Scalar.Scalar(str2[0] === "t" || str2[0] === "T"),
      stringify({ source: source2, value }, ctx) {
        if (source2 && boolTag.test.test(source2)) {
          const sv = source2[0] === "t" || source2[0] === "T";
          if (value === sv)
            return source2;
        }
        return value ? ctx.options.trueStr : ctx.options.falseStr;
      }
    };
    exports.boolTag = boolTag;
  }
});

// node_modules/yaml/dist/stringify/stringifyNumber.js
var require_stringifyNumber = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyNumber.js"(exports) {
    "use strict";
    function stringifyNumber({ format, minFractionDigits, tag, value }) {
      if (typeof value === "bigint")
        return String(value);
      const num = typeof value === "number" ? value : Number(value);
      if (!isFinite(num))
        return isNaN(num) ? ".nan" : num < 0 ? "-.inf" : ".inf";
      let n = Object.is(value, -0) ? "-0" : JSON.stringify(value);
      if (!format && minFractionDigits && (!tag || tag === "tag:yaml.org,2002:float") && /^-?\d/.test(n) && !n.includes("e")) {
        let i2 = n.indexOf(".");
        if (i2 < 0) {
          i2 = n.length;
          n += ".";
        }
        let d2 = minFractionDigits - (n.length - i2 - 1);
        while (d2-- > 0)
          n += "0";
      }
      return n;
    }
    exports.stringifyNumber = stringifyNumber;
  }
});

// node_modules/yaml/dist/schema/core/float.js
var require_float = __commonJS({
  "node_modules/yaml/dist/schema/core/float.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str2) => str2.slice(-3).toLowerCase() === "nan" ? NaN : str2[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
      resolve: (str2) => parseFloat(str2),
      stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
      resolve(str2) {
        const node = new Scalar.Scalar(parseFloat(str2));
        const dot = str2.indexOf(".");
        if (dot !== -1 && str2[str2.length - 1] === "0")
          node.minFractionDigits = str2.length - dot - 1;
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports.float = float;
    exports.floatExp = floatExp;
    exports.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/core/int.js
var require_int = __commonJS({
  "node_modules/yaml/dist/schema/core/int.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    var intResolve = (str2, offset, radix, { intAsBigInt }) => intAsBigInt ? BigInt(str2) : parseInt(str2.substring(offset), radix);
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value) && value >= 0)
        return prefix + value.toString(radix);
      return stringifyNumber.stringifyNumber(node);
    }
    var intOct = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^0o[0-7]+$/,
      resolve: (str2, _onError, opt) => intResolve(str2, 2, 8, opt),
      stringify: (node) => intStringify(node, 8, "0o")
    };
    var int2 = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9]+$/,
      resolve: (str2, _onError, opt) => intResolve(str2, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^0x[0-9a-fA-F]+$/,
      resolve: (str2, _onError, opt) => intResolve(str2, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports.int = int2;
    exports.intHex = intHex;
    exports.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/core/schema.js
var require_schema = __commonJS({
  "node_modules/yaml/dist/schema/core/schema.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool2 = require_bool();
    var float = require_float();
    var int2 = require_int();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool2.boolTag,
      int2.intOct,
      int2.int,
      int2.intHex,
      float.floatNaN,
      float.floatExp,
      float.float
    ];
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/json/schema.js
var require_schema2 = __commonJS({
  "node_modules/yaml/dist/schema/json/schema.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var map = require_map();
    var seq = require_seq();
    function intIdentify(value) {
      return typeof value === "bigint" || Number.isInteger(value);
    }
    var stringifyJSON = ({ value }) => JSON.stringify(value);
    var jsonScalars = [
      {
        identify: (value) => typeof value === "string",
        default: true,
        tag: "tag:yaml.org,2002:str",
        resolve: (str2) => str2,
        stringify: stringifyJSON
      },
      {
        identify: (value) => value == null,
        createNode: () => new Scalar.Scalar(null),
        default: true,
        tag: "tag:yaml.org,2002:null",
        test: /^null$/,
        resolve: () => null,
        stringify: stringifyJSON
      },
      {
        identify: (value) => typeof value === "boolean",
        default: true,
        tag: "tag:yaml.org,2002:bool",
        test: /^true$|^false$/,
        resolve: (str2) => str2 === "true",
        stringify: stringifyJSON
      },
      {
        identify: intIdentify,
        default: true,
        tag: "tag:yaml.org,2002:int",
        test: /^-?(?:0|[1-9][0-9]*)$/,
        resolve: (str2, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str2) : parseInt(str2, 10),
        stringify: ({ value }) => intIdentify(value) ? value.toString() : JSON.stringify(value)
      },
      {
        identify: (value) => typeof value === "number",
        default: true,
        tag: "tag:yaml.org,2002:float",
        test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
        resolve: (str2) => parseFloat(str2),
        stringify: stringifyJSON
      }
    ];
    var jsonError = {
      default: true,
      tag: "",
      test: /^/,
      resolve(str2, onError) {
        onError(`Unresolved plain scalar ${JSON.stringify(str2)}`);
        return str2;
      }
    };
    var schema = [map.map, seq.seq].concat(jsonScalars, jsonError);
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/binary.js
var require_binary = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/binary.js"(exports) {
    "use strict";
    var node_buffer = __require("buffer");
    var Scalar = require_Scalar();
    var stringifyString = require_stringifyString();
    var binary2 = {
      identify: (value) => value instanceof Uint8Array,
      // Buffer inherits from Uint8Array
      default: false,
      tag: "tag:yaml.org,2002:binary",
      /**
       * Returns a Buffer in node and an Uint8Array in browsers
       *
       * To use the resulting buffer as an image, you'll want to do something like:
       *
       *   const blob = new Blob([buffer], { type: 'image/jpeg' })
       *   document.querySelector('#photo').src = URL.createObjectURL(blob)
       */
      resolve(src, onError) {
        if (typeof node_buffer.Buffer === "function") {
          return node_buffer.Buffer.from(src, "base64");
        } else if (typeof atob === "function") {
          const str2 = atob(src.replace(/[\n\r]/g, ""));
          const buffer2 = new Uint8Array(str2.length);
          for (let i2 = 0; i2 < str2.length; ++i2)
            buffer2[i2] = str2.charCodeAt(i2);
          return buffer2;
        } else {
          onError("This environment does not support reading binary tags; either Buffer or atob is required");
          return src;
        }
      },
      stringify({ comment, type, value }, ctx, onComment, onChompKeep) {
        if (!value)
          return "";
        const buf = value;
        let str2;
        if (typeof node_buffer.Buffer === "function") {
          str2 = buf instanceof node_buffer.Buffer ? buf.toString("base64") : node_buffer.Buffer.from(buf.buffer).toString("base64");
        } else if (typeof btoa === "function") {
          let s = "";
          for (let i2 = 0; i2 < buf.length; ++i2)
            s += String.fromCharCode(buf[i2]);
          str2 = btoa(s);
        } else {
          throw new Error("This environment does not support writing binary tags; either Buffer or btoa is required");
        }
        type ?? (type = Scalar.Scalar.BLOCK_LITERAL);
        if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
          const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
          const n = Math.ceil(str2.length / lineWidth);
          const lines = new Array(n);
          for (let i2 = 0, o2 = 0; i2 < n; ++i2, o2 += lineWidth) {
            lines[i2] = str2.substr(o2, lineWidth);
          }
          str2 = lines.join(type === Scalar.Scalar.BLOCK_LITERAL ? "\n" : " ");
        }
        return stringifyString.stringifyString({ comment, type, value: str2 }, ctx, onComment, onChompKeep);
      }
    };
    exports.binary = binary2;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/pairs.js
var require_pairs = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/pairs.js"(exports) {
    "use strict";
    var identity2 = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLSeq = require_YAMLSeq();
    function resolvePairs(seq, onError) {
      if (identity2.isSeq(seq)) {
        for (let i2 = 0; i2 < seq.items.length; ++i2) {
          let item = seq.items[i2];
          if (identity2.isPair(item))
            continue;
          else if (identity2.isMap(item)) {
            if (item.items.length > 1)
              onError("Each pair must have its own sequence indicator");
            const pair2 = item.items[0] || new Pair.Pair(new Scalar.Scalar(null));
            if (item.commentBefore)
              pair2.key.commentBefore = pair2.key.commentBefore ? `${item.commentBefore}
${pair2.key.commentBefore}` : item.commentBefore;
            if (item.comment) {
              const cn2 = pair2.value ?? pair2.key;
              cn2.comment = cn2.comment ? `${item.comment}
${cn2.comment}` : item.comment;
            }
            item = pair2;
          }
          seq.items[i2] = identity2.isPair(item) ? item : new Pair.Pair(item);
        }
      } else
        onError("Expected a sequence for this tag");
      return seq;
    }
    function createPairs(schema, iterable, ctx) {
      const { replacer } = ctx;
      const pairs2 = new YAMLSeq.YAMLSeq(schema);
      pairs2.tag = "tag:yaml.org,2002:pairs";
      let i2 = 0;
      if (iterable && Symbol.iterator in Object(iterable))
        for (let it2 of iterable) {
          if (typeof replacer === "function")
            it2 = replacer.call(iterable, String(i2++), it2);
          let key, value;
          if (Array.isArray(it2)) {
            if (it2.length === 2) {
              key = it2[0];
              value = it2[1];
            } else
              throw new TypeError(`Expected [key, value] tuple: ${it2}`);
          } else if (it2 && it2 instanceof Object) {
            const keys = Object.keys(it2);
            if (keys.length === 1) {
              key = keys[0];
              value = it2[key];
            } else {
              throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
            }
          } else {
            key = it2;
          }
          pairs2.items.push(Pair.createPair(key, value, ctx));
        }
      return pairs2;
    }
    var pairs = {
      collection: "seq",
      default: false,
      tag: "tag:yaml.org,2002:pairs",
      resolve: resolvePairs,
      createNode: createPairs
    };
    exports.createPairs = createPairs;
    exports.pairs = pairs;
    exports.resolvePairs = resolvePairs;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/omap.js
var require_omap = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/omap.js"(exports) {
    "use strict";
    var identity2 = require_identity();
    var toJS = require_toJS();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var pairs = require_pairs();
    var YAMLOMap = class _YAMLOMap extends YAMLSeq.YAMLSeq {
      constructor() {
        super();
        this.add = YAMLMap.YAMLMap.prototype.add.bind(this);
        this.delete = YAMLMap.YAMLMap.prototype.delete.bind(this);
        this.get = YAMLMap.YAMLMap.prototype.get.bind(this);
        this.has = YAMLMap.YAMLMap.prototype.has.bind(this);
        this.set = YAMLMap.YAMLMap.prototype.set.bind(this);
        this.tag = _YAMLOMap.tag;
      }
      /**
       * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
       * but TypeScript won't allow widening the signature of a child method.
       */
      toJSON(_3, ctx) {
        if (!ctx)
          return super.toJSON(_3);
        const map = /* @__PURE__ */ new Map();
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const pair2 of this.items) {
          let key, value;
          if (identity2.isPair(pair2)) {
            key = toJS.toJS(pair2.key, "", ctx);
            value = toJS.toJS(pair2.value, key, ctx);
          } else {
            key = toJS.toJS(pair2, "", ctx);
          }
          if (map.has(key))
            throw new Error("Ordered maps must not include duplicate keys");
          map.set(key, value);
        }
        return map;
      }
      static from(schema, iterable, ctx) {
        const pairs$1 = pairs.createPairs(schema, iterable, ctx);
        const omap2 = new this();
        omap2.items = pairs$1.items;
        return omap2;
      }
    };
    YAMLOMap.tag = "tag:yaml.org,2002:omap";
    var omap = {
      collection: "seq",
      identify: (value) => value instanceof Map,
      nodeClass: YAMLOMap,
      default: false,
      tag: "tag:yaml.org,2002:omap",
      resolve(seq, onError) {
        const pairs$1 = pairs.resolvePairs(seq, onError);
        const seenKeys = [];
        for (const { key } of pairs$1.items) {
          if (identity2.isScalar(key)) {
            if (seenKeys.includes(key.value)) {
              onError(`Ordered maps must not include duplicate keys: ${key.value}`);
            } else {
              seenKeys.push(key.value);
            }
          }
        }
        return Object.assign(new YAMLOMap(), pairs$1);
      },
      createNode: (schema, iterable, ctx) => YAMLOMap.from(schema, iterable, ctx)
    };
    exports.YAMLOMap = YAMLOMap;
    exports.omap = omap;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/bool.js
var require_bool2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/bool.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    function boolStringify({ value, source: source2 }, ctx) {
      const boolObj = value ? trueTag : falseTag;
      if (source2 && boolObj.test.test(source2))
        return source2;
      return value ? ctx.options.trueStr : ctx.options.falseStr;
    }
    var trueTag = {
      identify: (value) => value === true,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
      resolve: () => new Scalar.Scalar(true),
      stringify: boolStringify
    };
    var falseTag = {
      identify: (value) => value === false,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
      resolve: () => new Scalar.Scalar(false),
      stringify: boolStringify
    };
    exports.falseTag = falseTag;
    exports.trueTag = trueTag;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/float.js
var require_float2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/float.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str2) => str2.slice(-3).toLowerCase() === "nan" ? NaN : str2[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
      resolve: (str2) => parseFloat(str2.replace(/_/g, "")),
      stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
      resolve(str2) {
        const node = new Scalar.Scalar(parseFloat(str2.replace(/_/g, "")));
        const dot = str2.indexOf(".");
        if (dot !== -1) {
          const f3 = str2.substring(dot + 1).replace(/_/g, "");
          if (f3[f3.length - 1] === "0")
            node.minFractionDigits = f3.length;
        }
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports.float = float;
    exports.floatExp = floatExp;
    exports.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/int.js
var require_int2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/int.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    function intResolve(str2, offset, radix, { intAsBigInt }) {
      const sign = str2[0];
      if (sign === "-" || sign === "+")
        offset += 1;
      str2 = str2.substring(offset).replace(/_/g, "");
      if (intAsBigInt) {
        switch (radix) {
          case 2:
            str2 = `0b${str2}`;
            break;
          case 8:
            str2 = `0o${str2}`;
            break;
          case 16:
            str2 = `0x${str2}`;
            break;
        }
        const n2 = BigInt(str2);
        return sign === "-" ? BigInt(-1) * n2 : n2;
      }
      const n = parseInt(str2, radix);
      return sign === "-" ? -1 * n : n;
    }
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value)) {
        const str2 = value.toString(radix);
        return value < 0 ? "-" + prefix + str2.substr(1) : prefix + str2;
      }
      return stringifyNumber.stringifyNumber(node);
    }
    var intBin = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "BIN",
      test: /^[-+]?0b[0-1_]+$/,
      resolve: (str2, _onError, opt) => intResolve(str2, 2, 2, opt),
      stringify: (node) => intStringify(node, 2, "0b")
    };
    var intOct = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^[-+]?0[0-7_]+$/,
      resolve: (str2, _onError, opt) => intResolve(str2, 1, 8, opt),
      stringify: (node) => intStringify(node, 8, "0")
    };
    var int2 = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9][0-9_]*$/,
      resolve: (str2, _onError, opt) => intResolve(str2, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^[-+]?0x[0-9a-fA-F_]+$/,
      resolve: (str2, _onError, opt) => intResolve(str2, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports.int = int2;
    exports.intBin = intBin;
    exports.intHex = intHex;
    exports.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/set.js
var require_set = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/set.js"(exports) {
    "use strict";
    var identity2 = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSet = class _YAMLSet extends YAMLMap.YAMLMap {
      constructor(schema) {
        super(schema);
        this.tag = _YAMLSet.tag;
      }
      add(key) {
        let pair2;
        if (identity2.isPair(key))
          pair2 = key;
        else if (key && typeof key === "object" && "key" in key && "value" in key && key.value === null)
          pair2 = new Pair.Pair(key.key, null);
        else
          pair2 = new Pair.Pair(key, null);
        const prev = YAMLMap.findPair(this.items, pair2.key);
        if (!prev)
          this.items.push(pair2);
      }
      /**
       * If `keepPair` is `true`, returns the Pair matching `key`.
       * Otherwise, returns the value of that Pair's key.
       */
      get(key, keepPair) {
        const pair2 = YAMLMap.findPair(this.items, key);
        return !keepPair && identity2.isPair(pair2) ? identity2.isScalar(pair2.key) ? pair2.key.value : pair2.key : pair2;
      }
      set(key, value) {
        if (typeof value !== "boolean")
          throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value}`);
        const prev = YAMLMap.findPair(this.items, key);
        if (prev && !value) {
          this.items.splice(this.items.indexOf(prev), 1);
        } else if (!prev && value) {
          this.items.push(new Pair.Pair(key));
        }
      }
      toJSON(_3, ctx) {
        return super.toJSON(_3, ctx, Set);
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        if (this.hasAllNullValues(true))
          return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
        else
          throw new Error("Set items must all have null values");
      }
      static from(schema, iterable, ctx) {
        const { replacer } = ctx;
        const set2 = new this(schema);
        if (iterable && Symbol.iterator in Object(iterable))
          for (let value of iterable) {
            if (typeof replacer === "function")
              value = replacer.call(iterable, value, value);
            set2.items.push(Pair.createPair(value, null, ctx));
          }
        return set2;
      }
    };
    YAMLSet.tag = "tag:yaml.org,2002:set";
    var set = {
      collection: "map",
      identify: (value) => value instanceof Set,
      nodeClass: YAMLSet,
      default: false,
      tag: "tag:yaml.org,2002:set",
      createNode: (schema, iterable, ctx) => YAMLSet.from(schema, iterable, ctx),
      resolve(map, onError) {
        if (identity2.isMap(map)) {
          if (map.hasAllNullValues(true))
            return Object.assign(new YAMLSet(), map);
          else
            onError("Set items must all have null values");
        } else
          onError("Expected a mapping for this tag");
        return map;
      }
    };
    exports.YAMLSet = YAMLSet;
    exports.set = set;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/timestamp.js
var require_timestamp = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/timestamp.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    function parseSexagesimal(str2, asBigInt) {
      const sign = str2[0];
      const parts2 = sign === "-" || sign === "+" ? str2.substring(1) : str2;
      const num = (n) => asBigInt ? BigInt(n) : Number(n);
      const res = parts2.replace(/_/g, "").split(":").reduce((res2, p2) => res2 * num(60) + num(p2), num(0));
      return sign === "-" ? num(-1) * res : res;
    }
    function stringifySexagesimal(node) {
      let { value } = node;
      let num = (n) => n;
      if (typeof value === "bigint")
        num = (n) => BigInt(n);
      else if (isNaN(value) || !isFinite(value))
        return stringifyNumber.stringifyNumber(node);
      let sign = "";
      if (value < 0) {
        sign = "-";
        value *= num(-1);
      }
      const _60 = num(60);
      const parts2 = [value % _60];
      if (value < 60) {
        parts2.unshift(0);
      } else {
        value = (value - parts2[0]) / _60;
        parts2.unshift(value % _60);
        if (value >= 60) {
          value = (value - parts2[0]) / _60;
          parts2.unshift(value);
        }
      }
      return sign + parts2.map((n) => String(n).padStart(2, "0")).join(":").replace(/000000\d*$/, "");
    }
    var intTime = {
      identify: (value) => typeof value === "bigint" || Number.isInteger(value),
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
      resolve: (str2, _onError, { intAsBigInt }) => parseSexagesimal(str2, intAsBigInt),
      stringify: stringifySexagesimal
    };
    var floatTime = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
      resolve: (str2) => parseSexagesimal(str2, false),
      stringify: stringifySexagesimal
    };
    var timestamp = {
      identify: (value) => value instanceof Date,
      default: true,
      tag: "tag:yaml.org,2002:timestamp",
      // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
      // may be omitted altogether, resulting in a date format. In such a case, the time part is
      // assumed to be 00:00:00Z (start of day, UTC).
      test: RegExp("^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \\t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$"),
      resolve(str2) {
        const match = str2.match(timestamp.test);
        if (!match)
          throw new Error("!!timestamp expects a date, starting with yyyy-mm-dd");
        const [, year, month, day, hour, minute, second] = match.map(Number);
        const millisec = match[7] ? Number((match[7] + "00").substr(1, 3)) : 0;
        let date = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
        const tz = match[8];
        if (tz && tz !== "Z") {
          let d2 = parseSexagesimal(tz, false);
          if (Math.abs(d2) < 30)
            d2 *= 60;
          date -= 6e4 * d2;
        }
        return new Date(date);
      },
      stringify: ({ value }) => value?.toISOString().replace(/(T00:00:00)?\.000Z$/, "") ?? ""
    };
    exports.floatTime = floatTime;
    exports.intTime = intTime;
    exports.timestamp = timestamp;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/schema.js
var require_schema3 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/schema.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var binary2 = require_binary();
    var bool2 = require_bool2();
    var float = require_float2();
    var int2 = require_int2();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var set = require_set();
    var timestamp = require_timestamp();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool2.trueTag,
      bool2.falseTag,
      int2.intBin,
      int2.intOct,
      int2.int,
      int2.intHex,
      float.floatNaN,
      float.floatExp,
      float.float,
      binary2.binary,
      merge.merge,
      omap.omap,
      pairs.pairs,
      set.set,
      timestamp.intTime,
      timestamp.floatTime,
      timestamp.timestamp
    ];
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/tags.js
var require_tags = __commonJS({
  "node_modules/yaml/dist/schema/tags.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool2 = require_bool();
    var float = require_float();
    var int2 = require_int();
    var schema = require_schema();
    var schema$1 = require_schema2();
    var binary2 = require_binary();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var schema$2 = require_schema3();
    var set = require_set();
    var timestamp = require_timestamp();
    var schemas = /* @__PURE__ */ new Map([
      ["core", schema.schema],
      ["failsafe", [map.map, seq.seq, string.string]],
      ["json", schema$1.schema],
      ["yaml11", schema$2.schema],
      ["yaml-1.1", schema$2.schema]
    ]);
    var tagsByName = {
      binary: binary2.binary,
      bool: bool2.boolTag,
      float: float.float,
      floatExp: float.floatExp,
      floatNaN: float.floatNaN,
      floatTime: timestamp.floatTime,
      int: int2.int,
      intHex: int2.intHex,
      intOct: int2.intOct,
      intTime: timestamp.intTime,
      map: map.map,
      merge: merge.merge,
      null: _null.nullTag,
      omap: omap.omap,
      pairs: pairs.pairs,
      seq: seq.seq,
      set: set.set,
      timestamp: timestamp.timestamp
    };
    var coreKnownTags = {
      "tag:yaml.org,2002:binary": binary2.binary,
      "tag:yaml.org,2002:merge": merge.merge,
      "tag:yaml.org,2002:omap": omap.omap,
      "tag:yaml.org,2002:pairs": pairs.pairs,
      "tag:yaml.org,2002:set": set.set,
      "tag:yaml.org,2002:timestamp": timestamp.timestamp
    };
    function getTags(customTags, schemaName, addMergeTag) {
      const schemaTags = schemas.get(schemaName);
      if (schemaTags && !customTags) {
        return addMergeTag && !schemaTags.includes(merge.merge) ? schemaTags.concat(merge.merge) : schemaTags.slice();
      }
      let tags = schemaTags;
      if (!tags) {
        if (Array.isArray(customTags))
          tags = [];
        else {
          const keys = Array.from(schemas.keys()).filter((key) => key !== "yaml11").map((key) => JSON.stringify(key)).join(", ");
          throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
        }
      }
      if (Array.isArray(customTags)) {
        for (const tag of customTags)
          tags = tags.concat(tag);
      } else if (typeof customTags === "function") {
        tags = customTags(tags.slice());
      }
      if (addMergeTag)
        tags = tags.concat(merge.merge);
      return tags.reduce((tags2, tag) => {
        const tagObj = typeof tag === "string" ? tagsByName[tag] : tag;
        if (!tagObj) {
          const tagName = JSON.stringify(tag);
          const keys = Object.keys(tagsByName).map((key) => JSON.stringify(key)).join(", ");
          throw new Error(`Unknown custom tag ${tagName}; use one of ${keys}`);
        }
        if (!tags2.includes(tagObj))
          tags2.push(tagObj);
        return tags2;
      }, []);
    }
    exports.coreKnownTags = coreKnownTags;
    exports.getTags = getTags;
  }
});

// node_modules/yaml/dist/schema/Schema.js
var require_Schema = __commonJS({
  "node_modules/yaml/dist/schema/Schema.js"(exports) {
    "use strict";
    var identity2 = require_identity();
    var map = require_map();
    var seq = require_seq();
    var string = require_string();
    var tags = require_tags();
    var sortMapEntriesByKey = (a, b3) => a.key < b3.key ? -1 : a.key > b3.key ? 1 : 0;
    var Schema = class _Schema {
      constructor({ compat, customTags, merge, resolveKnownTags, schema, sortMapEntries, toStringDefaults }) {
        this.compat = Array.isArray(compat) ? tags.getTags(compat, "compat") : compat ? tags.getTags(null, compat) : null;
        this.name = typeof schema === "string" && schema || "core";
        this.knownTags = resolveKnownTags ? tags.coreKnownTags : {};
        this.tags = tags.getTags(customTags, this.name, merge);
        this.toStringOptions = toStringDefaults ?? null;
        Object.defineProperty(this, identity2.MAP, { value: map.map });
        Object.defineProperty(this, identity2.SCALAR, { value: string.string });
        Object.defineProperty(this, identity2.SEQ, { value: seq.seq });
        this.sortMapEntries = typeof sortMapEntries === "function" ? sortMapEntries : sortMapEntries === true ? sortMapEntriesByKey : null;
      }
      clone() {
        const copy = Object.create(_Schema.prototype, Object.getOwnPropertyDescriptors(this));
        copy.tags = this.tags.slice();
        return copy;
      }
    };
    exports.Schema = Schema;
  }
});

// node_modules/yaml/dist/stringify/stringifyDocument.js
var require_stringifyDocument = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyDocument.js"(exports) {
    "use strict";
    var identity2 = require_identity();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyDocument(doc, options) {
      const lines = [];
      let hasDirectives = options.directives === true;
      if (options.directives !== false && doc.directives) {
        const dir = doc.directives.toString(doc);
        if (dir) {
          lines.push(dir);
          hasDirectives = true;
        } else if (doc.directives.docStart)
          hasDirectives = true;
      }
      if (hasDirectives)
        lines.push("---");
      const ctx = stringify.createStringifyContext(doc, options);
      const { commentString } = ctx.options;
      if (doc.commentBefore) {
        if (lines.length !== 1)
          lines.unshift("");
        const cs2 = commentString(doc.commentBefore);
        lines.unshift(stringifyComment.indentComment(cs2, ""));
      }
      let chompKeep = false;
      let contentComment = null;
      if (doc.contents) {
        if (identity2.isNode(doc.contents)) {
          if (doc.contents.spaceBefore && hasDirectives)
            lines.push("");
          if (doc.contents.commentBefore) {
            const cs2 = commentString(doc.contents.commentBefore);
            lines.push(stringifyComment.indentComment(cs2, ""));
          }
          ctx.forceBlockIndent = !!doc.comment;
          contentComment = doc.contents.comment;
        }
        const onChompKeep = contentComment ? void 0 : () => chompKeep = true;
        let body2 = stringify.stringify(doc.contents, ctx, () => contentComment = null, onChompKeep);
        if (contentComment)
          body2 += stringifyComment.lineComment(body2, "", commentString(contentComment));
        if ((body2[0] === "|" || body2[0] === ">") && lines[lines.length - 1] === "---") {
          lines[lines.length - 1] = `--- ${body2}`;
        } else
          lines.push(body2);
      } else {
        lines.push(stringify.stringify(doc.contents, ctx));
      }
      if (doc.directives?.docEnd) {
        if (doc.comment) {
          const cs2 = commentString(doc.comment);
          if (cs2.includes("\n")) {
            lines.push("...");
            lines.push(stringifyComment.indentComment(cs2, ""));
          } else {
            lines.push(`... ${cs2}`);
          }
        } else {
          lines.push("...");
        }
      } else {
        let dc = doc.comment;
        if (dc && chompKeep)
          dc = dc.replace(/^\n+/, "");
        if (dc) {
          if ((!chompKeep || contentComment) && lines[lines.length - 1] !== "")
            lines.push("");
          lines.push(stringifyComment.indentComment(commentString(dc), ""));
        }
      }
      return lines.join("\n") + "\n";
    }
    exports.stringifyDocument = stringifyDocument;
  }
});

// node_modules/yaml/dist/doc/Document.js
var require_Document = __commonJS({
  "node_modules/yaml/dist/doc/Document.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var Collection = require_Collection();
    var identity2 = require_identity();
    var Pair = require_Pair();
    var toJS = require_toJS();
    var Schema = require_Schema();
    var stringifyDocument = require_stringifyDocument();
    var anchors = require_anchors();
    var applyReviver = require_applyReviver();
    var createNode = require_createNode();
    var directives = require_directives();
    var Document = class _Document {
      constructor(value, replacer, options) {
        this.commentBefore = null;
        this.comment = null;
        this.errors = [];
        this.warnings = [];
        Object.defineProperty(this, identity2.NODE_TYPE, { value: identity2.DOC });
        let _replacer = null;
        if (typeof replacer === "function" || Array.isArray(replacer)) {
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const opt = Object.assign({
          intAsBigInt: false,
          keepSourceTokens: false,
          logLevel: "warn",
          prettyErrors: true,
          strict: true,
          stringKeys: false,
          uniqueKeys: true,
          version: "1.2"
        }, options);
        this.options = opt;
        let { version } = opt;
        if (options?._directives) {
          this.directives = options._directives.atDocument();
          if (this.directives.yaml.explicit)
            version = this.directives.yaml.version;
        } else
          this.directives = new directives.Directives({ version });
        this.setSchema(version, options);
        this.contents = value === void 0 ? null : this.createNode(value, _replacer, options);
      }
      /**
       * Create a deep copy of this Document and its contents.
       *
       * Custom Node values that inherit from `Object` still refer to their original instances.
       */
      clone() {
        const copy = Object.create(_Document.prototype, {
          [identity2.NODE_TYPE]: { value: identity2.DOC }
        });
        copy.commentBefore = this.commentBefore;
        copy.comment = this.comment;
        copy.errors = this.errors.slice();
        copy.warnings = this.warnings.slice();
        copy.options = Object.assign({}, this.options);
        if (this.directives)
          copy.directives = this.directives.clone();
        copy.schema = this.schema.clone();
        copy.contents = identity2.isNode(this.contents) ? this.contents.clone(copy.schema) : this.contents;
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** Adds a value to the document. */
      add(value) {
        if (assertCollection(this.contents))
          this.contents.add(value);
      }
      /** Adds a value to the document. */
      addIn(path, value) {
        if (assertCollection(this.contents))
          this.contents.addIn(path, value);
      }
      /**
       * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
       *
       * If `node` already has an anchor, `name` is ignored.
       * Otherwise, the `node.anchor` value will be set to `name`,
       * or if an anchor with that name is already present in the document,
       * `name` will be used as a prefix for a new unique anchor.
       * If `name` is undefined, the generated anchor will use 'a' as a prefix.
       */
      createAlias(node, name2) {
        if (!node.anchor) {
          const prev = anchors.anchorNames(this);
          node.anchor = // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          !name2 || prev.has(name2) ? anchors.findNewAnchor(name2 || "a", prev) : name2;
        }
        return new Alias.Alias(node.anchor);
      }
      createNode(value, replacer, options) {
        let _replacer = void 0;
        if (typeof replacer === "function") {
          value = replacer.call({ "": value }, "", value);
          _replacer = replacer;
        } else if (Array.isArray(replacer)) {
          const keyToStr = (v2) => typeof v2 === "number" || v2 instanceof String || v2 instanceof Number;
          const asStr = replacer.filter(keyToStr).map(String);
          if (asStr.length > 0)
            replacer = replacer.concat(asStr);
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options ?? {};
        const { onAnchor, setAnchors, sourceObjects } = anchors.createNodeAnchors(
          this,
          // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          anchorPrefix || "a"
        );
        const ctx = {
          aliasDuplicateObjects: aliasDuplicateObjects ?? true,
          keepUndefined: keepUndefined ?? false,
          onAnchor,
          onTagObj,
          replacer: _replacer,
          schema: this.schema,
          sourceObjects
        };
        const node = createNode.createNode(value, tag, ctx);
        if (flow && identity2.isCollection(node))
          node.flow = true;
        setAnchors();
        return node;
      }
      /**
       * Convert a key and a value into a `Pair` using the current schema,
       * recursively wrapping all values as `Scalar` or `Collection` nodes.
       */
      createPair(key, value, options = {}) {
        const k2 = this.createNode(key, null, options);
        const v2 = this.createNode(value, null, options);
        return new Pair.Pair(k2, v2);
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      delete(key) {
        return assertCollection(this.contents) ? this.contents.delete(key) : false;
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path) {
        if (Collection.isEmptyPath(path)) {
          if (this.contents == null)
            return false;
          this.contents = null;
          return true;
        }
        return assertCollection(this.contents) ? this.contents.deleteIn(path) : false;
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      get(key, keepScalar) {
        return identity2.isCollection(this.contents) ? this.contents.get(key, keepScalar) : void 0;
      }
      /**
       * Returns item at `path`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path, keepScalar) {
        if (Collection.isEmptyPath(path))
          return !keepScalar && identity2.isScalar(this.contents) ? this.contents.value : this.contents;
        return identity2.isCollection(this.contents) ? this.contents.getIn(path, keepScalar) : void 0;
      }
      /**
       * Checks if the document includes a value with the key `key`.
       */
      has(key) {
        return identity2.isCollection(this.contents) ? this.contents.has(key) : false;
      }
      /**
       * Checks if the document includes a value at `path`.
       */
      hasIn(path) {
        if (Collection.isEmptyPath(path))
          return this.contents !== void 0;
        return identity2.isCollection(this.contents) ? this.contents.hasIn(path) : false;
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      set(key, value) {
        if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, [key], value);
        } else if (assertCollection(this.contents)) {
          this.contents.set(key, value);
        }
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path, value) {
        if (Collection.isEmptyPath(path)) {
          this.contents = value;
        } else if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, Array.from(path), value);
        } else if (assertCollection(this.contents)) {
          this.contents.setIn(path, value);
        }
      }
      /**
       * Change the YAML version and schema used by the document.
       * A `null` version disables support for directives, explicit tags, anchors, and aliases.
       * It also requires the `schema` option to be given as a `Schema` instance value.
       *
       * Overrides all previously set schema options.
       */
      setSchema(version, options = {}) {
        if (typeof version === "number")
          version = String(version);
        let opt;
        switch (version) {
          case "1.1":
            if (this.directives)
              this.directives.yaml.version = "1.1";
            else
              this.directives = new directives.Directives({ version: "1.1" });
            opt = { resolveKnownTags: false, schema: "yaml-1.1" };
            break;
          case "1.2":
          case "next":
            if (this.directives)
              this.directives.yaml.version = version;
            else
              this.directives = new directives.Directives({ version });
            opt = { resolveKnownTags: true, schema: "core" };
            break;
          case null:
            if (this.directives)
              delete this.directives;
            opt = null;
            break;
          default: {
            const sv = JSON.stringify(version);
            throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
          }
        }
        if (options.schema instanceof Object)
          this.schema = options.schema;
        else if (opt)
          this.schema = new Schema.Schema(Object.assign(opt, options));
        else
          throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
      }
      // json & jsonArg are only used from toJSON()
      toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc: this,
          keep: !json,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this.contents, jsonArg ?? "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
      /**
       * A JSON representation of the document `contents`.
       *
       * @param jsonArg Used by `JSON.stringify` to indicate the array index or
       *   property name.
       */
      toJSON(jsonArg, onAnchor) {
        return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
      }
      /** A YAML representation of the document. */
      toString(options = {}) {
        if (this.errors.length > 0)
          throw new Error("Document with errors cannot be stringified");
        if ("indent" in options && (!Number.isInteger(options.indent) || Number(options.indent) <= 0)) {
          const s = JSON.stringify(options.indent);
          throw new Error(`"indent" option must be a positive integer, not ${s}`);
        }
        return stringifyDocument.stringifyDocument(this, options);
      }
    };
    function assertCollection(contents) {
      if (identity2.isCollection(contents))
        return true;
      throw new Error("Expected a YAML collection as document contents");
    }
    exports.Document = Document;
  }
});

// node_modules/yaml/dist/errors.js
var require_errors = __commonJS({
  "node_modules/yaml/dist/errors.js"(exports) {
    "use strict";
    var YAMLError = class extends Error {
      constructor(name2, pos, code2, message) {
        super();
        this.name = name2;
        this.code = code2;
        this.message = message;
        this.pos = pos;
      }
    };
    var YAMLParseError = class extends YAMLError {
      constructor(pos, code2, message) {
        super("YAMLParseError", pos, code2, message);
      }
    };
    var YAMLWarning = class extends YAMLError {
      constructor(pos, code2, message) {
        super("YAMLWarning", pos, code2, message);
      }
    };
    var prettifyError = (src, lc) => (error) => {
      if (error.pos[0] === -1)
        return;
      error.linePos = error.pos.map((pos) => lc.linePos(pos));
      const { line: line2, col } = error.linePos[0];
      error.message += ` at line ${line2}, column ${col}`;
      let ci = col - 1;
      let lineStr = src.substring(lc.lineStarts[line2 - 1], lc.lineStarts[line2]).replace(/[\n\r]+$/, "");
      if (ci >= 60 && lineStr.length > 80) {
        const trimStart = Math.min(ci - 39, lineStr.length - 79);
        lineStr = "\u2026" + lineStr.substring(trimStart);
        ci -= trimStart - 1;
      }
      if (lineStr.length > 80)
        lineStr = lineStr.substring(0, 79) + "\u2026";
      if (line2 > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
        let prev = src.substring(lc.lineStarts[line2 - 2], lc.lineStarts[line2 - 1]);
        if (prev.length > 80)
          prev = prev.substring(0, 79) + "\u2026\n";
        lineStr = prev + lineStr;
      }
      if (/[^ ]/.test(lineStr)) {
        let count = 1;
        const end = error.linePos[1];
        if (end?.line === line2 && end.col > col) {
          count = Math.max(1, Math.min(end.col - col, 80 - ci));
        }
        const pointer = " ".repeat(ci) + "^".repeat(count);
        error.message += `:

${lineStr}
${pointer}
`;
      }
    };
    exports.YAMLError = YAMLError;
    exports.YAMLParseError = YAMLParseError;
    exports.YAMLWarning = YAMLWarning;
    exports.prettifyError = prettifyError;
  }
});

// node_modules/yaml/dist/compose/resolve-props.js
var require_resolve_props = __commonJS({
  "node_modules/yaml/dist/compose/resolve-props.js"(exports) {
    "use strict";
    function resolveProps(tokens, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
      let spaceBefore = false;
      let atNewline = startOnNewline;
      let hasSpace = startOnNewline;
      let comment = "";
      let commentSep = "";
      let hasNewline = false;
      let reqSpace = false;
      let tab = null;
      let anchor = null;
      let tag = null;
      let newlineAfterProp = null;
      let comma = null;
      let found = null;
      let start2 = null;
      for (const token of tokens) {
        if (reqSpace) {
          if (token.type !== "space" && token.type !== "newline" && token.type !== "comma")
            onError(token.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
          reqSpace = false;
        }
        if (tab) {
          if (atNewline && token.type !== "comment" && token.type !== "newline") {
            onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
          }
          tab = null;
        }
        switch (token.type) {
          case "space":
            if (!flow && (indicator !== "doc-start" || next?.type !== "flow-collection") && token.source.includes("	")) {
              tab = token;
            }
            hasSpace = true;
            break;
          case "comment": {
            if (!hasSpace)
              onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
            const cb = token.source.substring(1) || " ";
            if (!comment)
              comment = cb;
            else
              comment += commentSep + cb;
            commentSep = "";
            atNewline = false;
            break;
          }
          case "newline":
            if (atNewline) {
              if (comment)
                comment += token.source;
              else if (!found || indicator !== "seq-item-ind")
                spaceBefore = true;
            } else
              commentSep += token.source;
            atNewline = true;
            hasNewline = true;
            if (anchor || tag)
              newlineAfterProp = token;
            hasSpace = true;
            break;
          case "anchor":
            if (anchor)
              onError(token, "MULTIPLE_ANCHORS", "A node can have at most one anchor");
            if (token.source.endsWith(":"))
              onError(token.offset + token.source.length - 1, "BAD_ALIAS", "Anchor ending in : is ambiguous", true);
            anchor = token;
            start2 ?? (start2 = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          case "tag": {
            if (tag)
              onError(token, "MULTIPLE_TAGS", "A node can have at most one tag");
            tag = token;
            start2 ?? (start2 = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          }
          case indicator:
            if (anchor || tag)
              onError(token, "BAD_PROP_ORDER", `Anchors and tags must be after the ${token.source} indicator`);
            if (found)
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.source} in ${flow ?? "collection"}`);
            found = token;
            atNewline = indicator === "seq-item-ind" || indicator === "explicit-key-ind";
            hasSpace = false;
            break;
          case "comma":
            if (flow) {
              if (comma)
                onError(token, "UNEXPECTED_TOKEN", `Unexpected , in ${flow}`);
              comma = token;
              atNewline = false;
              hasSpace = false;
              break;
            }
          // else fallthrough
          default:
            onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.type} token`);
            atNewline = false;
            hasSpace = false;
        }
      }
      const last = tokens[tokens.length - 1];
      const end = last ? last.offset + last.source.length : offset;
      if (reqSpace && next && next.type !== "space" && next.type !== "newline" && next.type !== "comma" && (next.type !== "scalar" || next.source !== "")) {
        onError(next.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
      }
      if (tab && (atNewline && tab.indent <= parentIndent || next?.type === "block-map" || next?.type === "block-seq"))
        onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
      return {
        comma,
        found,
        spaceBefore,
        comment,
        hasNewline,
        anchor,
        tag,
        newlineAfterProp,
        end,
        start: start2 ?? end
      };
    }
    exports.resolveProps = resolveProps;
  }
});

// node_modules/yaml/dist/compose/util-contains-newline.js
var require_util_contains_newline = __commonJS({
  "node_modules/yaml/dist/compose/util-contains-newline.js"(exports) {
    "use strict";
    function containsNewline(key) {
      if (!key)
        return null;
      switch (key.type) {
        case "alias":
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          if (key.source.includes("\n"))
            return true;
          if (key.end) {
            for (const st2 of key.end)
              if (st2.type === "newline")
                return true;
          }
          return false;
        case "flow-collection":
          for (const it2 of key.items) {
            for (const st2 of it2.start)
              if (st2.type === "newline")
                return true;
            if (it2.sep) {
              for (const st2 of it2.sep)
                if (st2.type === "newline")
                  return true;
            }
            if (containsNewline(it2.key) || containsNewline(it2.value))
              return true;
          }
          return false;
        default:
          return true;
      }
    }
    exports.containsNewline = containsNewline;
  }
});

// node_modules/yaml/dist/compose/util-flow-indent-check.js
var require_util_flow_indent_check = __commonJS({
  "node_modules/yaml/dist/compose/util-flow-indent-check.js"(exports) {
    "use strict";
    var utilContainsNewline = require_util_contains_newline();
    function flowIndentCheck(indent, fc, onError) {
      if (fc?.type === "flow-collection") {
        const end = fc.end[0];
        if (end.indent === indent && (end.source === "]" || end.source === "}") && utilContainsNewline.containsNewline(fc)) {
          const msg = "Flow end indicator should be more indented than parent";
          onError(end, "BAD_INDENT", msg, true);
        }
      }
    }
    exports.flowIndentCheck = flowIndentCheck;
  }
});

// node_modules/yaml/dist/compose/util-map-includes.js
var require_util_map_includes = __commonJS({
  "node_modules/yaml/dist/compose/util-map-includes.js"(exports) {
    "use strict";
    var identity2 = require_identity();
    function mapIncludes(ctx, items, search) {
      const { uniqueKeys } = ctx.options;
      if (uniqueKeys === false)
        return false;
      const isEqual = typeof uniqueKeys === "function" ? uniqueKeys : (a, b3) => a === b3 || identity2.isScalar(a) && identity2.isScalar(b3) && a.value === b3.value;
      return items.some((pair2) => isEqual(pair2.key, search));
    }
    exports.mapIncludes = mapIncludes;
  }
});

// node_modules/yaml/dist/compose/resolve-block-map.js
var require_resolve_block_map = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-map.js"(exports) {
    "use strict";
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    var utilMapIncludes = require_util_map_includes();
    var startColMsg = "All mapping items must start at the same column";
    function resolveBlockMap({ composeNode, composeEmptyNode }, ctx, bm, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLMap.YAMLMap;
      const map = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      let offset = bm.offset;
      let commentEnd = null;
      for (const collItem of bm.items) {
        const { start: start2, key, sep, value } = collItem;
        const keyProps = resolveProps.resolveProps(start2, {
          indicator: "explicit-key-ind",
          next: key ?? sep?.[0],
          offset,
          onError,
          parentIndent: bm.indent,
          startOnNewline: true
        });
        const implicitKey = !keyProps.found;
        if (implicitKey) {
          if (key) {
            if (key.type === "block-seq")
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "A block sequence may not be used as an implicit map key");
            else if ("indent" in key && key.indent !== bm.indent)
              onError(offset, "BAD_INDENT", startColMsg);
          }
          if (!keyProps.anchor && !keyProps.tag && !sep) {
            commentEnd = keyProps.end;
            if (keyProps.comment) {
              if (map.comment)
                map.comment += "\n" + keyProps.comment;
              else
                map.comment = keyProps.comment;
            }
            continue;
          }
          if (keyProps.newlineAfterProp || utilContainsNewline.containsNewline(key)) {
            onError(key ?? start2[start2.length - 1], "MULTILINE_IMPLICIT_KEY", "Implicit keys need to be on a single line");
          }
        } else if (keyProps.found?.indent !== bm.indent) {
          onError(offset, "BAD_INDENT", startColMsg);
        }
        ctx.atKey = true;
        const keyStart = keyProps.end;
        const keyNode = key ? composeNode(ctx, key, keyProps, onError) : composeEmptyNode(ctx, keyStart, start2, null, keyProps, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bm.indent, key, onError);
        ctx.atKey = false;
        if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
          onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
        const valueProps = resolveProps.resolveProps(sep ?? [], {
          indicator: "map-value-ind",
          next: value,
          offset: keyNode.range[2],
          onError,
          parentIndent: bm.indent,
          startOnNewline: !key || key.type === "block-scalar"
        });
        offset = valueProps.end;
        if (valueProps.found) {
          if (implicitKey) {
            if (value?.type === "block-map" && !valueProps.hasNewline)
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "Nested mappings are not allowed in compact mappings");
            if (ctx.options.strict && keyProps.start < valueProps.found.offset - 1024)
              onError(keyNode.range, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit block mapping key");
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : composeEmptyNode(ctx, offset, sep, null, valueProps, onError);
          if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bm.indent, value, onError);
          offset = valueNode.range[2];
          const pair2 = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair2.srcToken = collItem;
          map.items.push(pair2);
        } else {
          if (implicitKey)
            onError(keyNode.range, "MISSING_CHAR", "Implicit map keys need to be followed by map values");
          if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair2 = new Pair.Pair(keyNode);
          if (ctx.options.keepSourceTokens)
            pair2.srcToken = collItem;
          map.items.push(pair2);
        }
      }
      if (commentEnd && commentEnd < offset)
        onError(commentEnd, "IMPOSSIBLE", "Map comment with trailing content");
      map.range = [bm.offset, offset, commentEnd ?? offset];
      return map;
    }
    exports.resolveBlockMap = resolveBlockMap;
  }
});

// node_modules/yaml/dist/compose/resolve-block-seq.js
var require_resolve_block_seq = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-seq.js"(exports) {
    "use strict";
    var YAMLSeq = require_YAMLSeq();
    var resolveProps = require_resolve_props();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    function resolveBlockSeq({ composeNode, composeEmptyNode }, ctx, bs2, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLSeq.YAMLSeq;
      const seq = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = bs2.offset;
      let commentEnd = null;
      for (const { start: start2, value } of bs2.items) {
        const props = resolveProps.resolveProps(start2, {
          indicator: "seq-item-ind",
          next: value,
          offset,
          onError,
          parentIndent: bs2.indent,
          startOnNewline: true
        });
        if (!props.found) {
          if (props.anchor || props.tag || value) {
            if (value?.type === "block-seq")
              onError(props.end, "BAD_INDENT", "All sequence items must start at the same column");
            else
              onError(offset, "MISSING_CHAR", "Sequence item without - indicator");
          } else {
            commentEnd = props.end;
            if (props.comment)
              seq.comment = props.comment;
            continue;
          }
        }
        const node = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, start2, null, props, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bs2.indent, value, onError);
        offset = node.range[2];
        seq.items.push(node);
      }
      seq.range = [bs2.offset, offset, commentEnd ?? offset];
      return seq;
    }
    exports.resolveBlockSeq = resolveBlockSeq;
  }
});

// node_modules/yaml/dist/compose/resolve-end.js
var require_resolve_end = __commonJS({
  "node_modules/yaml/dist/compose/resolve-end.js"(exports) {
    "use strict";
    function resolveEnd(end, offset, reqSpace, onError) {
      let comment = "";
      if (end) {
        let hasSpace = false;
        let sep = "";
        for (const token of end) {
          const { source: source2, type } = token;
          switch (type) {
            case "space":
              hasSpace = true;
              break;
            case "comment": {
              if (reqSpace && !hasSpace)
                onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
              const cb = source2.substring(1) || " ";
              if (!comment)
                comment = cb;
              else
                comment += sep + cb;
              sep = "";
              break;
            }
            case "newline":
              if (comment)
                sep += source2;
              hasSpace = true;
              break;
            default:
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${type} at node end`);
          }
          offset += source2.length;
        }
      }
      return { comment, offset };
    }
    exports.resolveEnd = resolveEnd;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-collection.js
var require_resolve_flow_collection = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-collection.js"(exports) {
    "use strict";
    var identity2 = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilMapIncludes = require_util_map_includes();
    var blockMsg = "Block collections are not allowed within flow collections";
    var isBlock = (token) => token && (token.type === "block-map" || token.type === "block-seq");
    function resolveFlowCollection({ composeNode, composeEmptyNode }, ctx, fc, onError, tag) {
      const isMap = fc.start.source === "{";
      const fcName = isMap ? "flow map" : "flow sequence";
      const NodeClass = tag?.nodeClass ?? (isMap ? YAMLMap.YAMLMap : YAMLSeq.YAMLSeq);
      const coll = new NodeClass(ctx.schema);
      coll.flow = true;
      const atRoot = ctx.atRoot;
      if (atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = fc.offset + fc.start.source.length;
      for (let i2 = 0; i2 < fc.items.length; ++i2) {
        const collItem = fc.items[i2];
        const { start: start2, key, sep, value } = collItem;
        const props = resolveProps.resolveProps(start2, {
          flow: fcName,
          indicator: "explicit-key-ind",
          next: key ?? sep?.[0],
          offset,
          onError,
          parentIndent: fc.indent,
          startOnNewline: false
        });
        if (!props.found) {
          if (!props.anchor && !props.tag && !sep && !value) {
            if (i2 === 0 && props.comma)
              onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
            else if (i2 < fc.items.length - 1)
              onError(props.start, "UNEXPECTED_TOKEN", `Unexpected empty item in ${fcName}`);
            if (props.comment) {
              if (coll.comment)
                coll.comment += "\n" + props.comment;
              else
                coll.comment = props.comment;
            }
            offset = props.end;
            continue;
          }
          if (!isMap && ctx.options.strict && utilContainsNewline.containsNewline(key))
            onError(
              key,
              // checked by containsNewline()
              "MULTILINE_IMPLICIT_KEY",
              "Implicit keys of flow sequence pairs need to be on a single line"
            );
        }
        if (i2 === 0) {
          if (props.comma)
            onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
        } else {
          if (!props.comma)
            onError(props.start, "MISSING_CHAR", `Missing , between ${fcName} items`);
          if (props.comment) {
            let prevItemComment = "";
            loop: for (const st2 of start2) {
              switch (st2.type) {
                case "comma":
                case "space":
                  break;
                case "comment":
                  prevItemComment = st2.source.substring(1);
                  break loop;
                default:
                  break loop;
              }
            }
            if (prevItemComment) {
              let prev = coll.items[coll.items.length - 1];
              if (identity2.isPair(prev))
                prev = prev.value ?? prev.key;
              if (prev.comment)
                prev.comment += "\n" + prevItemComment;
              else
                prev.comment = prevItemComment;
              props.comment = props.comment.substring(prevItemComment.length + 1);
            }
          }
        }
        if (!isMap && !sep && !props.found) {
          const valueNode = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, sep, null, props, onError);
          coll.items.push(valueNode);
          offset = valueNode.range[2];
          if (isBlock(value))
            onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
        } else {
          ctx.atKey = true;
          const keyStart = props.end;
          const keyNode = key ? composeNode(ctx, key, props, onError) : composeEmptyNode(ctx, keyStart, start2, null, props, onError);
          if (isBlock(key))
            onError(keyNode.range, "BLOCK_IN_FLOW", blockMsg);
          ctx.atKey = false;
          const valueProps = resolveProps.resolveProps(sep ?? [], {
            flow: fcName,
            indicator: "map-value-ind",
            next: value,
            offset: keyNode.range[2],
            onError,
            parentIndent: fc.indent,
            startOnNewline: false
          });
          if (valueProps.found) {
            if (!isMap && !props.found && ctx.options.strict) {
              if (sep)
                for (const st2 of sep) {
                  if (st2 === valueProps.found)
                    break;
                  if (st2.type === "newline") {
                    onError(st2, "MULTILINE_IMPLICIT_KEY", "Implicit keys of flow sequence pairs need to be on a single line");
                    break;
                  }
                }
              if (props.start < valueProps.found.offset - 1024)
                onError(valueProps.found, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit flow sequence key");
            }
          } else if (value) {
            if ("source" in value && value.source?.[0] === ":")
              onError(value, "MISSING_CHAR", `Missing space after : in ${fcName}`);
            else
              onError(valueProps.start, "MISSING_CHAR", `Missing , or : between ${fcName} items`);
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : valueProps.found ? composeEmptyNode(ctx, valueProps.end, sep, null, valueProps, onError) : null;
          if (valueNode) {
            if (isBlock(value))
              onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
          } else if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair2 = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair2.srcToken = collItem;
          if (isMap) {
            const map = coll;
            if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
              onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
            map.items.push(pair2);
          } else {
            const map = new YAMLMap.YAMLMap(ctx.schema);
            map.flow = true;
            map.items.push(pair2);
            const endRange = (valueNode ?? keyNode).range;
            map.range = [keyNode.range[0], endRange[1], endRange[2]];
            coll.items.push(map);
          }
          offset = valueNode ? valueNode.range[2] : valueProps.end;
        }
      }
      const expectedEnd = isMap ? "}" : "]";
      const [ce2, ...ee3] = fc.end;
      let cePos = offset;
      if (ce2?.source === expectedEnd)
        cePos = ce2.offset + ce2.source.length;
      else {
        const name2 = fcName[0].toUpperCase() + fcName.substring(1);
        const msg = atRoot ? `${name2} must end with a ${expectedEnd}` : `${name2} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
        onError(offset, atRoot ? "MISSING_CHAR" : "BAD_INDENT", msg);
        if (ce2 && ce2.source.length !== 1)
          ee3.unshift(ce2);
      }
      if (ee3.length > 0) {
        const end = resolveEnd.resolveEnd(ee3, cePos, ctx.options.strict, onError);
        if (end.comment) {
          if (coll.comment)
            coll.comment += "\n" + end.comment;
          else
            coll.comment = end.comment;
        }
        coll.range = [fc.offset, cePos, end.offset];
      } else {
        coll.range = [fc.offset, cePos, cePos];
      }
      return coll;
    }
    exports.resolveFlowCollection = resolveFlowCollection;
  }
});

// node_modules/yaml/dist/compose/compose-collection.js
var require_compose_collection = __commonJS({
  "node_modules/yaml/dist/compose/compose-collection.js"(exports) {
    "use strict";
    var identity2 = require_identity();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveBlockMap = require_resolve_block_map();
    var resolveBlockSeq = require_resolve_block_seq();
    var resolveFlowCollection = require_resolve_flow_collection();
    function resolveCollection(CN, ctx, token, onError, tagName, tag) {
      const coll = token.type === "block-map" ? resolveBlockMap.resolveBlockMap(CN, ctx, token, onError, tag) : token.type === "block-seq" ? resolveBlockSeq.resolveBlockSeq(CN, ctx, token, onError, tag) : resolveFlowCollection.resolveFlowCollection(CN, ctx, token, onError, tag);
      const Coll = coll.constructor;
      if (tagName === "!" || tagName === Coll.tagName) {
        coll.tag = Coll.tagName;
        return coll;
      }
      if (tagName)
        coll.tag = tagName;
      return coll;
    }
    function composeCollection(CN, ctx, token, props, onError) {
      const tagToken = props.tag;
      const tagName = !tagToken ? null : ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg));
      if (token.type === "block-seq") {
        const { anchor, newlineAfterProp: nl } = props;
        const lastProp = anchor && tagToken ? anchor.offset > tagToken.offset ? anchor : tagToken : anchor ?? tagToken;
        if (lastProp && (!nl || nl.offset < lastProp.offset)) {
          const message = "Missing newline after block sequence props";
          onError(lastProp, "MISSING_CHAR", message);
        }
      }
      const expType = token.type === "block-map" ? "map" : token.type === "block-seq" ? "seq" : token.start.source === "{" ? "map" : "seq";
      if (!tagToken || !tagName || tagName === "!" || tagName === YAMLMap.YAMLMap.tagName && expType === "map" || tagName === YAMLSeq.YAMLSeq.tagName && expType === "seq") {
        return resolveCollection(CN, ctx, token, onError, tagName);
      }
      let tag = ctx.schema.tags.find((t2) => t2.tag === tagName && t2.collection === expType);
      if (!tag) {
        const kt2 = ctx.schema.knownTags[tagName];
        if (kt2?.collection === expType) {
          ctx.schema.tags.push(Object.assign({}, kt2, { default: false }));
          tag = kt2;
        } else {
          if (kt2) {
            onError(tagToken, "BAD_COLLECTION_TYPE", `${kt2.tag} used for ${expType} collection, but expects ${kt2.collection ?? "scalar"}`, true);
          } else {
            onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, true);
          }
          return resolveCollection(CN, ctx, token, onError, tagName);
        }
      }
      const coll = resolveCollection(CN, ctx, token, onError, tagName, tag);
      const res = tag.resolve?.(coll, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg), ctx.options) ?? coll;
      const node = identity2.isNode(res) ? res : new Scalar.Scalar(res);
      node.range = coll.range;
      node.tag = tagName;
      if (tag?.format)
        node.format = tag.format;
      return node;
    }
    exports.composeCollection = composeCollection;
  }
});

// node_modules/yaml/dist/compose/resolve-block-scalar.js
var require_resolve_block_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-scalar.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    function resolveBlockScalar(ctx, scalar, onError) {
      const start2 = scalar.offset;
      const header = parseBlockScalarHeader(scalar, ctx.options.strict, onError);
      if (!header)
        return { value: "", type: null, comment: "", range: [start2, start2, start2] };
      const type = header.mode === ">" ? Scalar.Scalar.BLOCK_FOLDED : Scalar.Scalar.BLOCK_LITERAL;
      const lines = scalar.source ? splitLines(scalar.source) : [];
      let chompStart = lines.length;
      for (let i2 = lines.length - 1; i2 >= 0; --i2) {
        const content = lines[i2][1];
        if (content === "" || content === "\r")
          chompStart = i2;
        else
          break;
      }
      if (chompStart === 0) {
        const value2 = header.chomp === "+" && lines.length > 0 ? "\n".repeat(Math.max(1, lines.length - 1)) : "";
        let end2 = start2 + header.length;
        if (scalar.source)
          end2 += scalar.source.length;
        return { value: value2, type, comment: header.comment, range: [start2, end2, end2] };
      }
      let trimIndent = scalar.indent + header.indent;
      let offset = scalar.offset + header.length;
      let contentStart = 0;
      for (let i2 = 0; i2 < chompStart; ++i2) {
        const [indent, content] = lines[i2];
        if (content === "" || content === "\r") {
          if (header.indent === 0 && indent.length > trimIndent)
            trimIndent = indent.length;
        } else {
          if (indent.length < trimIndent) {
            const message = "Block scalars with more-indented leading empty lines must use an explicit indentation indicator";
            onError(offset + indent.length, "MISSING_CHAR", message);
          }
          if (header.indent === 0)
            trimIndent = indent.length;
          contentStart = i2;
          if (trimIndent === 0 && !ctx.atRoot) {
            const message = "Block scalar values in collections must be indented";
            onError(offset, "BAD_INDENT", message);
          }
          break;
        }
        offset += indent.length + content.length + 1;
      }
      for (let i2 = lines.length - 1; i2 >= chompStart; --i2) {
        if (lines[i2][0].length > trimIndent)
          chompStart = i2 + 1;
      }
      let value = "";
      let sep = "";
      let prevMoreIndented = false;
      for (let i2 = 0; i2 < contentStart; ++i2)
        value += lines[i2][0].slice(trimIndent) + "\n";
      for (let i2 = contentStart; i2 < chompStart; ++i2) {
        let [indent, content] = lines[i2];
        offset += indent.length + content.length + 1;
        const crlf = content[content.length - 1] === "\r";
        if (crlf)
          content = content.slice(0, -1);
        if (content && indent.length < trimIndent) {
          const src = header.indent ? "explicit indentation indicator" : "first line";
          const message = `Block scalar lines must not be less indented than their ${src}`;
          onError(offset - content.length - (crlf ? 2 : 1), "BAD_INDENT", message);
          indent = "";
        }
        if (type === Scalar.Scalar.BLOCK_LITERAL) {
          value += sep + indent.slice(trimIndent) + content;
          sep = "\n";
        } else if (indent.length > trimIndent || content[0] === "	") {
          if (sep === " ")
            sep = "\n";
          else if (!prevMoreIndented && sep === "\n")
            sep = "\n\n";
          value += sep + indent.slice(trimIndent) + content;
          sep = "\n";
          prevMoreIndented = true;
        } else if (content === "") {
          if (sep === "\n")
            value += "\n";
          else
            sep = "\n";
        } else {
          value += sep + content;
          sep = " ";
          prevMoreIndented = false;
        }
      }
      switch (header.chomp) {
        case "-":
          break;
        case "+":
          for (let i2 = chompStart; i2 < lines.length; ++i2)
            value += "\n" + lines[i2][0].slice(trimIndent);
          if (value[value.length - 1] !== "\n")
            value += "\n";
          break;
        default:
          value += "\n";
      }
      const end = start2 + header.length + scalar.source.length;
      return { value, type, comment: header.comment, range: [start2, end, end] };
    }
    function parseBlockScalarHeader({ offset, props }, strict, onError) {
      if (props[0].type !== "block-scalar-header") {
        onError(props[0], "IMPOSSIBLE", "Block scalar header not found");
        return null;
      }
      const { source: source2 } = props[0];
      const mode = source2[0];
      let indent = 0;
      let chomp = "";
      let error = -1;
      for (let i2 = 1; i2 < source2.length; ++i2) {
        const ch = source2[i2];
        if (!chomp && (ch === "-" || ch === "+"))
          chomp = ch;
        else {
          const n = Number(ch);
          if (!indent && n)
            indent = n;
          else if (error === -1)
            error = offset + i2;
        }
      }
      if (error !== -1)
        onError(error, "UNEXPECTED_TOKEN", `Block scalar header includes extra characters: ${source2}`);
      let hasSpace = false;
      let comment = "";
      let length = source2.length;
      for (let i2 = 1; i2 < props.length; ++i2) {
        const token = props[i2];
        switch (token.type) {
          case "space":
            hasSpace = true;
          // fallthrough
          case "newline":
            length += token.source.length;
            break;
          case "comment":
            if (strict && !hasSpace) {
              const message = "Comments must be separated from other tokens by white space characters";
              onError(token, "MISSING_CHAR", message);
            }
            length += token.source.length;
            comment = token.source.substring(1);
            break;
          case "error":
            onError(token, "UNEXPECTED_TOKEN", token.message);
            length += token.source.length;
            break;
          /* istanbul ignore next should not happen */
          default: {
            const message = `Unexpected token in block scalar header: ${token.type}`;
            onError(token, "UNEXPECTED_TOKEN", message);
            const ts2 = token.source;
            if (ts2 && typeof ts2 === "string")
              length += ts2.length;
          }
        }
      }
      return { mode, indent, chomp, comment, length };
    }
    function splitLines(source2) {
      const split = source2.split(/\n( *)/);
      const first = split[0];
      const m2 = first.match(/^( *)/);
      const line0 = m2?.[1] ? [m2[1], first.slice(m2[1].length)] : ["", first];
      const lines = [line0];
      for (let i2 = 1; i2 < split.length; i2 += 2)
        lines.push([split[i2], split[i2 + 1]]);
      return lines;
    }
    exports.resolveBlockScalar = resolveBlockScalar;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-scalar.js
var require_resolve_flow_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-scalar.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var resolveEnd = require_resolve_end();
    function resolveFlowScalar(scalar, strict, onError) {
      const { offset, type, source: source2, end } = scalar;
      let _type;
      let value;
      const _onError = (rel2, code2, msg) => onError(offset + rel2, code2, msg);
      switch (type) {
        case "scalar":
          _type = Scalar.Scalar.PLAIN;
          value = plainValue(source2, _onError);
          break;
        case "single-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_SINGLE;
          value = singleQuotedValue(source2, _onError);
          break;
        case "double-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_DOUBLE;
          value = doubleQuotedValue(source2, _onError);
          break;
        /* istanbul ignore next should not happen */
        default:
          onError(scalar, "UNEXPECTED_TOKEN", `Expected a flow scalar value, but found: ${type}`);
          return {
            value: "",
            type: null,
            comment: "",
            range: [offset, offset + source2.length, offset + source2.length]
          };
      }
      const valueEnd = offset + source2.length;
      const re2 = resolveEnd.resolveEnd(end, valueEnd, strict, onError);
      return {
        value,
        type: _type,
        comment: re2.comment,
        range: [offset, valueEnd, re2.offset]
      };
    }
    function plainValue(source2, onError) {
      let badChar = "";
      switch (source2[0]) {
        /* istanbul ignore next should not happen */
        case "	":
          badChar = "a tab character";
          break;
        case ",":
          badChar = "flow indicator character ,";
          break;
        case "%":
          badChar = "directive indicator character %";
          break;
        case "|":
        case ">": {
          badChar = `block scalar indicator ${source2[0]}`;
          break;
        }
        case "@":
        case "`": {
          badChar = `reserved character ${source2[0]}`;
          break;
        }
      }
      if (badChar)
        onError(0, "BAD_SCALAR_START", `Plain value cannot start with ${badChar}`);
      return unfoldLines(source2);
    }
    function singleQuotedValue(source2, onError) {
      if (source2[source2.length - 1] !== "'" || source2.length === 1)
        onError(source2.length, "MISSING_CHAR", "Missing closing 'quote");
      return unfoldLines(source2.slice(1, -1)).replace(/''/g, "'");
    }
    function unfoldLines(source2) {
      const line2 = /(.*?)\r?\n/sy;
      let match = line2.exec(source2);
      if (!match)
        return source2;
      let trimEnd, trimBoth;
      try {
        trimEnd = new RegExp("(?<![ 	])[ 	]+$");
        trimBoth = new RegExp("^[ 	]+|(?<![ 	])[ 	]+$", "g");
      } catch {
        trimEnd = /[ \t]+$/;
        trimBoth = /^[ \t]+|[ \t]+$/g;
      }
      let res = match[1].replace(trimEnd, "");
      let sep = " ";
      let pos = line2.lastIndex;
      while (match = line2.exec(source2)) {
        const lm = match[1].replace(trimBoth, "");
        if (lm === "") {
          if (sep === "\n")
            res += sep;
          else
            sep = "\n";
        } else {
          res += sep + lm;
          sep = " ";
        }
        pos = line2.lastIndex;
      }
      const last = /[ \t]*(.*)/sy;
      last.lastIndex = pos;
      match = last.exec(source2);
      return res + sep + (match?.[1] ?? "");
    }
    function doubleQuotedValue(source2, onError) {
      let res = "";
      for (let i2 = 1; i2 < source2.length - 1; ++i2) {
        const ch = source2[i2];
        if (ch === "\r" && source2[i2 + 1] === "\n")
          continue;
        if (ch === "\n") {
          const { fold, offset } = foldNewline(source2, i2);
          res += fold;
          i2 = offset;
        } else if (ch === "\\") {
          let next = source2[++i2];
          const cc = escapeCodes[next];
          if (cc)
            res += cc;
          else if (next === "\n") {
            next = source2[i2 + 1];
            while (next === " " || next === "	")
              next = source2[++i2 + 1];
          } else if (next === "\r" && source2[i2 + 1] === "\n") {
            next = source2[++i2 + 1];
            while (next === " " || next === "	")
              next = source2[++i2 + 1];
          } else if (next === "x" || next === "u" || next === "U") {
            const length = next === "x" ? 2 : next === "u" ? 4 : 8;
            res += parseCharCode(source2, i2 + 1, length, onError);
            i2 += length;
          } else {
            const raw = source2.substr(i2 - 1, 2);
            onError(i2 - 1, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
            res += raw;
          }
        } else if (ch === " " || ch === "	") {
          const wsStart = i2;
          let next = source2[i2 + 1];
          while (next === " " || next === "	")
            next = source2[++i2 + 1];
          if (next !== "\n" && !(next === "\r" && source2[i2 + 2] === "\n"))
            res += i2 > wsStart ? source2.slice(wsStart, i2 + 1) : ch;
        } else {
          res += ch;
        }
      }
      if (source2[source2.length - 1] !== '"' || source2.length === 1)
        onError(source2.length, "MISSING_CHAR", 'Missing closing "quote');
      return res;
    }
    function foldNewline(source2, offset) {
      let fold = "";
      let ch = source2[offset + 1];
      while (ch === " " || ch === "	" || ch === "\n" || ch === "\r") {
        if (ch === "\r" && source2[offset + 2] !== "\n")
          break;
        if (ch === "\n")
          fold += "\n";
        offset += 1;
        ch = source2[offset + 1];
      }
      if (!fold)
        fold = " ";
      return { fold, offset };
    }
    var escapeCodes = {
      "0": "\0",
      // null character
      a: "\x07",
      // bell character
      b: "\b",
      // backspace
      e: "\x1B",
      // escape character
      f: "\f",
      // form feed
      n: "\n",
      // line feed
      r: "\r",
      // carriage return
      t: "	",
      // horizontal tab
      v: "\v",
      // vertical tab
      N: "\x85",
      // Unicode next line
      _: "\xA0",
      // Unicode non-breaking space
      L: "\u2028",
      // Unicode line separator
      P: "\u2029",
      // Unicode paragraph separator
      " ": " ",
      '"': '"',
      "/": "/",
      "\\": "\\",
      "	": "	"
    };
    function parseCharCode(source2, offset, length, onError) {
      const cc = source2.substr(offset, length);
      const ok = cc.length === length && /^[0-9a-fA-F]+$/.test(cc);
      const code2 = ok ? parseInt(cc, 16) : NaN;
      try {
        return String.fromCodePoint(code2);
      } catch {
        const raw = source2.substr(offset - 2, length + 2);
        onError(offset - 2, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
        return raw;
      }
    }
    exports.resolveFlowScalar = resolveFlowScalar;
  }
});

// node_modules/yaml/dist/compose/compose-scalar.js
var require_compose_scalar = __commonJS({
  "node_modules/yaml/dist/compose/compose-scalar.js"(exports) {
    "use strict";
    var identity2 = require_identity();
    var Scalar = require_Scalar();
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    function composeScalar(ctx, token, tagToken, onError) {
      const { value, type, comment, range } = token.type === "block-scalar" ? resolveBlockScalar.resolveBlockScalar(ctx, token, onError) : resolveFlowScalar.resolveFlowScalar(token, ctx.options.strict, onError);
      const tagName = tagToken ? ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg)) : null;
      let tag;
      if (ctx.options.stringKeys && ctx.atKey) {
        tag = ctx.schema[identity2.SCALAR];
      } else if (tagName)
        tag = findScalarTagByName(ctx.schema, value, tagName, tagToken, onError);
      else if (token.type === "scalar")
        tag = findScalarTagByTest(ctx, value, token, onError);
      else
        tag = ctx.schema[identity2.SCALAR];
      let scalar;
      try {
        const res = tag.resolve(value, (msg) => onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg), ctx.options);
        scalar = identity2.isScalar(res) ? res : new Scalar.Scalar(res);
      } catch (error) {
        const msg = error instanceof Error ? error.message : String(error);
        onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg);
        scalar = new Scalar.Scalar(value);
      }
      scalar.range = range;
      scalar.source = value;
      if (type)
        scalar.type = type;
      if (tagName)
        scalar.tag = tagName;
      if (tag.format)
        scalar.format = tag.format;
      if (comment)
        scalar.comment = comment;
      return scalar;
    }
    function findScalarTagByName(schema, value, tagName, tagToken, onError) {
      if (tagName === "!")
        return schema[identity2.SCALAR];
      const matchWithTest = [];
      for (const tag of schema.tags) {
        if (!tag.collection && tag.tag === tagName) {
          if (tag.default && tag.test)
            matchWithTest.push(tag);
          else
            return tag;
        }
      }
      for (const tag of matchWithTest)
        if (tag.test?.test(value))
          return tag;
      const kt2 = schema.knownTags[tagName];
      if (kt2 && !kt2.collection) {
        schema.tags.push(Object.assign({}, kt2, { default: false, test: void 0 }));
        return kt2;
      }
      onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, tagName !== "tag:yaml.org,2002:str");
      return schema[identity2.SCALAR];
    }
    function findScalarTagByTest({ atKey, directives, schema }, value, token, onError) {
      const tag = schema.tags.find((tag2) => (tag2.default === true || atKey && tag2.default === "key") && tag2.test?.test(value)) || schema[identity2.SCALAR];
      if (schema.compat) {
        const compat = schema.compat.find((tag2) => tag2.default && tag2.test?.test(value)) ?? schema[identity2.SCALAR];
        if (tag.tag !== compat.tag) {
          const ts2 = directives.tagString(tag.tag);
          const cs2 = directives.tagString(compat.tag);
          const msg = `Value may be parsed as either ${ts2} or ${cs2}`;
          onError(token, "TAG_RESOLVE_FAILED", msg, true);
        }
      }
      return tag;
    }
    exports.composeScalar = composeScalar;
  }
});

// node_modules/yaml/dist/compose/util-empty-scalar-position.js
var require_util_empty_scalar_position = __commonJS({
  "node_modules/yaml/dist/compose/util-empty-scalar-position.js"(exports) {
    "use strict";
    function emptyScalarPosition(offset, before, pos) {
      if (before) {
        pos ?? (pos = before.length);
        for (let i2 = pos - 1; i2 >= 0; --i2) {
          let st2 = before[i2];
          switch (st2.type) {
            case "space":
            case "comment":
            case "newline":
              offset -= st2.source.length;
              continue;
          }
          st2 = before[++i2];
          while (st2?.type === "space") {
            offset += st2.source.length;
            st2 = before[++i2];
          }
          break;
        }
      }
      return offset;
    }
    exports.emptyScalarPosition = emptyScalarPosition;
  }
});

// node_modules/yaml/dist/compose/compose-node.js
var require_compose_node = __commonJS({
  "node_modules/yaml/dist/compose/compose-node.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var identity2 = require_identity();
    var composeCollection = require_compose_collection();
    var composeScalar = require_compose_scalar();
    var resolveEnd = require_resolve_end();
    var utilEmptyScalarPosition = require_util_empty_scalar_position();
    var CN = { composeNode, composeEmptyNode };
    function composeNode(ctx, token, props, onError) {
      const atKey = ctx.atKey;
      const { spaceBefore, comment, anchor, tag } = props;
      let node;
      let isSrcToken = true;
      switch (token.type) {
        case "alias":
          node = composeAlias(ctx, token, onError);
          if (anchor || tag)
            onError(token, "ALIAS_PROPS", "An alias node must not specify any properties");
          break;
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "block-scalar":
          node = composeScalar.composeScalar(ctx, token, tag, onError);
          if (anchor)
            node.anchor = anchor.source.substring(1);
          break;
        case "block-map":
        case "block-seq":
        case "flow-collection":
          try {
            node = composeCollection.composeCollection(CN, ctx, token, props, onError);
            if (anchor)
              node.anchor = anchor.source.substring(1);
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            onError(token, "RESOURCE_EXHAUSTION", message);
          }
          break;
        default: {
          const message = token.type === "error" ? token.message : `Unsupported token (type: ${token.type})`;
          onError(token, "UNEXPECTED_TOKEN", message);
          isSrcToken = false;
        }
      }
      node ?? (node = composeEmptyNode(ctx, token.offset, void 0, null, props, onError));
      if (anchor && node.anchor === "")
        onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      if (atKey && ctx.options.stringKeys && (!identity2.isScalar(node) || typeof node.value !== "string" || node.tag && node.tag !== "tag:yaml.org,2002:str")) {
        const msg = "With stringKeys, all keys must be strings";
        onError(tag ?? token, "NON_STRING_KEY", msg);
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        if (token.type === "scalar" && token.source === "")
          node.comment = comment;
        else
          node.commentBefore = comment;
      }
      if (ctx.options.keepSourceTokens && isSrcToken)
        node.srcToken = token;
      return node;
    }
    function composeEmptyNode(ctx, offset, before, pos, { spaceBefore, comment, anchor, tag, end }, onError) {
      const token = {
        type: "scalar",
        offset: utilEmptyScalarPosition.emptyScalarPosition(offset, before, pos),
        indent: -1,
        source: ""
      };
      const node = composeScalar.composeScalar(ctx, token, tag, onError);
      if (anchor) {
        node.anchor = anchor.source.substring(1);
        if (node.anchor === "")
          onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        node.comment = comment;
        node.range[2] = end;
      }
      return node;
    }
    function composeAlias({ options }, { offset, source: source2, end }, onError) {
      const alias = new Alias.Alias(source2.substring(1));
      if (alias.source === "")
        onError(offset, "BAD_ALIAS", "Alias cannot be an empty string");
      if (alias.source.endsWith(":"))
        onError(offset + source2.length - 1, "BAD_ALIAS", "Alias ending in : is ambiguous", true);
      const valueEnd = offset + source2.length;
      const re2 = resolveEnd.resolveEnd(end, valueEnd, options.strict, onError);
      alias.range = [offset, valueEnd, re2.offset];
      if (re2.comment)
        alias.comment = re2.comment;
      return alias;
    }
    exports.composeEmptyNode = composeEmptyNode;
    exports.composeNode = composeNode;
  }
});

// node_modules/yaml/dist/compose/compose-doc.js
var require_compose_doc = __commonJS({
  "node_modules/yaml/dist/compose/compose-doc.js"(exports) {
    "use strict";
    var Document = require_Document();
    var composeNode = require_compose_node();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    function composeDoc(options, directives, { offset, start: start2, value, end }, onError) {
      const opts = Object.assign({ _directives: directives }, options);
      const doc = new Document.Document(void 0, opts);
      const ctx = {
        atKey: false,
        atRoot: true,
        directives: doc.directives,
        options: doc.options,
        schema: doc.schema
      };
      const props = resolveProps.resolveProps(start2, {
        indicator: "doc-start",
        next: value ?? end?.[0],
        offset,
        onError,
        parentIndent: 0,
        startOnNewline: true
      });
      if (props.found) {
        doc.directives.docStart = true;
        if (value && (value.type === "block-map" || value.type === "block-seq") && !props.hasNewline)
          onError(props.end, "MISSING_CHAR", "Block collection cannot start on same line with directives-end marker");
      }
      doc.contents = value ? composeNode.composeNode(ctx, value, props, onError) : composeNode.composeEmptyNode(ctx, props.end, start2, null, props, onError);
      const contentEnd = doc.contents.range[2];
      const re2 = resolveEnd.resolveEnd(end, contentEnd, false, onError);
      if (re2.comment)
        doc.comment = re2.comment;
      doc.range = [offset, contentEnd, re2.offset];
      return doc;
    }
    exports.composeDoc = composeDoc;
  }
});

// node_modules/yaml/dist/compose/composer.js
var require_composer = __commonJS({
  "node_modules/yaml/dist/compose/composer.js"(exports) {
    "use strict";
    var node_process = __require("process");
    var directives = require_directives();
    var Document = require_Document();
    var errors = require_errors();
    var identity2 = require_identity();
    var composeDoc = require_compose_doc();
    var resolveEnd = require_resolve_end();
    function getErrorPos(src) {
      if (typeof src === "number")
        return [src, src + 1];
      if (Array.isArray(src))
        return src.length === 2 ? src : [src[0], src[1]];
      const { offset, source: source2 } = src;
      return [offset, offset + (typeof source2 === "string" ? source2.length : 1)];
    }
    function parsePrelude(prelude) {
      let comment = "";
      let atComment = false;
      let afterEmptyLine = false;
      for (let i2 = 0; i2 < prelude.length; ++i2) {
        const source2 = prelude[i2];
        switch (source2[0]) {
          case "#":
            comment += (comment === "" ? "" : afterEmptyLine ? "\n\n" : "\n") + (source2.substring(1) || " ");
            atComment = true;
            afterEmptyLine = false;
            break;
          case "%":
            if (prelude[i2 + 1]?.[0] !== "#")
              i2 += 1;
            atComment = false;
            break;
          default:
            if (!atComment)
              afterEmptyLine = true;
            atComment = false;
        }
      }
      return { comment, afterEmptyLine };
    }
    var Composer = class {
      constructor(options = {}) {
        this.doc = null;
        this.atDirectives = false;
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
        this.onError = (source2, code2, message, warning) => {
          const pos = getErrorPos(source2);
          if (warning)
            this.warnings.push(new errors.YAMLWarning(pos, code2, message));
          else
            this.errors.push(new errors.YAMLParseError(pos, code2, message));
        };
        this.directives = new directives.Directives({ version: options.version || "1.2" });
        this.options = options;
      }
      decorate(doc, afterDoc) {
        const { comment, afterEmptyLine } = parsePrelude(this.prelude);
        if (comment) {
          const dc = doc.contents;
          if (afterDoc) {
            doc.comment = doc.comment ? `${doc.comment}
${comment}` : comment;
          } else if (afterEmptyLine || doc.directives.docStart || !dc) {
            doc.commentBefore = comment;
          } else if (identity2.isCollection(dc) && !dc.flow && dc.items.length > 0) {
            let it2 = dc.items[0];
            if (identity2.isPair(it2))
              it2 = it2.key;
            const cb = it2.commentBefore;
            it2.commentBefore = cb ? `${comment}
${cb}` : comment;
          } else {
            const cb = dc.commentBefore;
            dc.commentBefore = cb ? `${comment}
${cb}` : comment;
          }
        }
        if (afterDoc) {
          for (let i2 = 0; i2 < this.errors.length; ++i2)
            doc.errors.push(this.errors[i2]);
          for (let i2 = 0; i2 < this.warnings.length; ++i2)
            doc.warnings.push(this.warnings[i2]);
        } else {
          doc.errors = this.errors;
          doc.warnings = this.warnings;
        }
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
      }
      /**
       * Current stream status information.
       *
       * Mostly useful at the end of input for an empty stream.
       */
      streamInfo() {
        return {
          comment: parsePrelude(this.prelude).comment,
          directives: this.directives,
          errors: this.errors,
          warnings: this.warnings
        };
      }
      /**
       * Compose tokens into documents.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *compose(tokens, forceDoc = false, endOffset = -1) {
        for (const token of tokens)
          yield* this.next(token);
        yield* this.end(forceDoc, endOffset);
      }
      /** Advance the composer by one CST token. */
      *next(token) {
        if (node_process.env.LOG_STREAM)
          console.dir(token, { depth: null });
        switch (token.type) {
          case "directive":
            this.directives.add(token.source, (offset, message, warning) => {
              const pos = getErrorPos(token);
              pos[0] += offset;
              this.onError(pos, "BAD_DIRECTIVE", message, warning);
            });
            this.prelude.push(token.source);
            this.atDirectives = true;
            break;
          case "document": {
            const doc = composeDoc.composeDoc(this.options, this.directives, token, this.onError);
            if (this.atDirectives && !doc.directives.docStart)
              this.onError(token, "MISSING_CHAR", "Missing directives-end/doc-start indicator line");
            this.decorate(doc, false);
            if (this.doc)
              yield this.doc;
            this.doc = doc;
            this.atDirectives = false;
            break;
          }
          case "byte-order-mark":
          case "space":
            break;
          case "comment":
          case "newline":
            this.prelude.push(token.source);
            break;
          case "error": {
            const msg = token.source ? `${token.message}: ${JSON.stringify(token.source)}` : token.message;
            const error = new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg);
            if (this.atDirectives || !this.doc)
              this.errors.push(error);
            else
              this.doc.errors.push(error);
            break;
          }
          case "doc-end": {
            if (!this.doc) {
              const msg = "Unexpected doc-end without preceding document";
              this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg));
              break;
            }
            this.doc.directives.docEnd = true;
            const end = resolveEnd.resolveEnd(token.end, token.offset + token.source.length, this.doc.options.strict, this.onError);
            this.decorate(this.doc, true);
            if (end.comment) {
              const dc = this.doc.comment;
              this.doc.comment = dc ? `${dc}
${end.comment}` : end.comment;
            }
            this.doc.range[2] = end.offset;
            break;
          }
          default:
            this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", `Unsupported token ${token.type}`));
        }
      }
      /**
       * Call at end of input to yield any remaining document.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *end(forceDoc = false, endOffset = -1) {
        if (this.doc) {
          this.decorate(this.doc, true);
          yield this.doc;
          this.doc = null;
        } else if (forceDoc) {
          const opts = Object.assign({ _directives: this.directives }, this.options);
          const doc = new Document.Document(void 0, opts);
          if (this.atDirectives)
            this.onError(endOffset, "MISSING_CHAR", "Missing directives-end indicator line");
          doc.range = [0, endOffset, endOffset];
          this.decorate(doc, false);
          yield doc;
        }
      }
    };
    exports.Composer = Composer;
  }
});

// node_modules/yaml/dist/parse/cst-scalar.js
var require_cst_scalar = __commonJS({
  "node_modules/yaml/dist/parse/cst-scalar.js"(exports) {
    "use strict";
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    var errors = require_errors();
    var stringifyString = require_stringifyString();
    function resolveAsScalar(token, strict = true, onError) {
      if (token) {
        const _onError = (pos, code2, message) => {
          const offset = typeof pos === "number" ? pos : Array.isArray(pos) ? pos[0] : pos.offset;
          if (onError)
            onError(offset, code2, message);
          else
            throw new errors.YAMLParseError([offset, offset + 1], code2, message);
        };
        switch (token.type) {
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return resolveFlowScalar.resolveFlowScalar(token, strict, _onError);
          case "block-scalar":
            return resolveBlockScalar.resolveBlockScalar({ options: { strict } }, token, _onError);
        }
      }
      return null;
    }
    function createScalarToken(value, context) {
      const { implicitKey = false, indent, inFlow = false, offset = -1, type = "PLAIN" } = context;
      const source2 = stringifyString.stringifyString({ type, value }, {
        implicitKey,
        indent: indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      const end = context.end ?? [
        { type: "newline", offset: -1, indent, source: "\n" }
      ];
      switch (source2[0]) {
        case "|":
        case ">": {
          const he2 = source2.indexOf("\n");
          const head = source2.substring(0, he2);
          const body2 = source2.substring(he2 + 1) + "\n";
          const props = [
            { type: "block-scalar-header", offset, indent, source: head }
          ];
          if (!addEndtoBlockProps(props, end))
            props.push({ type: "newline", offset: -1, indent, source: "\n" });
          return { type: "block-scalar", offset, indent, props, source: body2 };
        }
        case '"':
          return { type: "double-quoted-scalar", offset, indent, source: source2, end };
        case "'":
          return { type: "single-quoted-scalar", offset, indent, source: source2, end };
        default:
          return { type: "scalar", offset, indent, source: source2, end };
      }
    }
    function setScalarValue(token, value, context = {}) {
      let { afterKey = false, implicitKey = false, inFlow = false, type } = context;
      let indent = "indent" in token ? token.indent : null;
      if (afterKey && typeof indent === "number")
        indent += 2;
      if (!type)
        switch (token.type) {
          case "single-quoted-scalar":
            type = "QUOTE_SINGLE";
            break;
          case "double-quoted-scalar":
            type = "QUOTE_DOUBLE";
            break;
          case "block-scalar": {
            const header = token.props[0];
            if (header.type !== "block-scalar-header")
              throw new Error("Invalid block scalar header");
            type = header.source[0] === ">" ? "BLOCK_FOLDED" : "BLOCK_LITERAL";
            break;
          }
          default:
            type = "PLAIN";
        }
      const source2 = stringifyString.stringifyString({ type, value }, {
        implicitKey: implicitKey || indent === null,
        indent: indent !== null && indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      switch (source2[0]) {
        case "|":
        case ">":
          setBlockScalarValue(token, source2);
          break;
        case '"':
          setFlowScalarValue(token, source2, "double-quoted-scalar");
          break;
        case "'":
          setFlowScalarValue(token, source2, "single-quoted-scalar");
          break;
        default:
          setFlowScalarValue(token, source2, "scalar");
      }
    }
    function setBlockScalarValue(token, source2) {
      const he2 = source2.indexOf("\n");
      const head = source2.substring(0, he2);
      const body2 = source2.substring(he2 + 1) + "\n";
      if (token.type === "block-scalar") {
        const header = token.props[0];
        if (header.type !== "block-scalar-header")
          throw new Error("Invalid block scalar header");
        header.source = head;
        token.source = body2;
      } else {
        const { offset } = token;
        const indent = "indent" in token ? token.indent : -1;
        const props = [
          { type: "block-scalar-header", offset, indent, source: head }
        ];
        if (!addEndtoBlockProps(props, "end" in token ? token.end : void 0))
          props.push({ type: "newline", offset: -1, indent, source: "\n" });
        for (const key of Object.keys(token))
          if (key !== "type" && key !== "offset")
            delete token[key];
        Object.assign(token, { type: "block-scalar", indent, props, source: body2 });
      }
    }
    function addEndtoBlockProps(props, end) {
      if (end)
        for (const st2 of end)
          switch (st2.type) {
            case "space":
            case "comment":
              props.push(st2);
              break;
            case "newline":
              props.push(st2);
              return true;
          }
      return false;
    }
    function setFlowScalarValue(token, source2, type) {
      switch (token.type) {
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          token.type = type;
          token.source = source2;
          break;
        case "block-scalar": {
          const end = token.props.slice(1);
          let oa = source2.length;
          if (token.props[0].type === "block-scalar-header")
            oa -= token.props[0].source.length;
          for (const tok of end)
            tok.offset += oa;
          delete token.props;
          Object.assign(token, { type, source: source2, end });
          break;
        }
        case "block-map":
        case "block-seq": {
          const offset = token.offset + source2.length;
          const nl = { type: "newline", offset, indent: token.indent, source: "\n" };
          delete token.items;
          Object.assign(token, { type, source: source2, end: [nl] });
          break;
        }
        default: {
          const indent = "indent" in token ? token.indent : -1;
          const end = "end" in token && Array.isArray(token.end) ? token.end.filter((st2) => st2.type === "space" || st2.type === "comment" || st2.type === "newline") : [];
          for (const key of Object.keys(token))
            if (key !== "type" && key !== "offset")
              delete token[key];
          Object.assign(token, { type, indent, source: source2, end });
        }
      }
    }
    exports.createScalarToken = createScalarToken;
    exports.resolveAsScalar = resolveAsScalar;
    exports.setScalarValue = setScalarValue;
  }
});

// node_modules/yaml/dist/parse/cst-stringify.js
var require_cst_stringify = __commonJS({
  "node_modules/yaml/dist/parse/cst-stringify.js"(exports) {
    "use strict";
    var stringify = (cst) => "type" in cst ? stringifyToken(cst) : stringifyItem(cst);
    function stringifyToken(token) {
      switch (token.type) {
        case "block-scalar": {
          let res = "";
          for (const tok of token.props)
            res += stringifyToken(tok);
          return res + token.source;
        }
        case "block-map":
        case "block-seq": {
          let res = "";
          for (const item of token.items)
            res += stringifyItem(item);
          return res;
        }
        case "flow-collection": {
          let res = token.start.source;
          for (const item of token.items)
            res += stringifyItem(item);
          for (const st2 of token.end)
            res += st2.source;
          return res;
        }
        case "document": {
          let res = stringifyItem(token);
          if (token.end)
            for (const st2 of token.end)
              res += st2.source;
          return res;
        }
        default: {
          let res = token.source;
          if ("end" in token && token.end)
            for (const st2 of token.end)
              res += st2.source;
          return res;
        }
      }
    }
    function stringifyItem({ start: start2, key, sep, value }) {
      let res = "";
      for (const st2 of start2)
        res += st2.source;
      if (key)
        res += stringifyToken(key);
      if (sep)
        for (const st2 of sep)
          res += st2.source;
      if (value)
        res += stringifyToken(value);
      return res;
    }
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/parse/cst-visit.js
var require_cst_visit = __commonJS({
  "node_modules/yaml/dist/parse/cst-visit.js"(exports) {
    "use strict";
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove item");
    function visit(cst, visitor) {
      if ("type" in cst && cst.type === "document")
        cst = { start: cst.start, value: cst.value };
      _visit(Object.freeze([]), cst, visitor);
    }
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    visit.itemAtPath = (cst, path) => {
      let item = cst;
      for (const [field, index] of path) {
        const tok = item?.[field];
        if (tok && "items" in tok) {
          item = tok.items[index];
        } else
          return void 0;
      }
      return item;
    };
    visit.parentCollection = (cst, path) => {
      const parent = visit.itemAtPath(cst, path.slice(0, -1));
      const field = path[path.length - 1][0];
      const coll = parent?.[field];
      if (coll && "items" in coll)
        return coll;
      throw new Error("Parent collection not found");
    };
    function _visit(path, item, visitor) {
      let ctrl = visitor(item, path);
      if (typeof ctrl === "symbol")
        return ctrl;
      for (const field of ["key", "value"]) {
        const token = item[field];
        if (token && "items" in token) {
          for (let i2 = 0; i2 < token.items.length; ++i2) {
            const ci = _visit(Object.freeze(path.concat([[field, i2]])), token.items[i2], visitor);
            if (typeof ci === "number")
              i2 = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              token.items.splice(i2, 1);
              i2 -= 1;
            }
          }
          if (typeof ctrl === "function" && field === "key")
            ctrl = ctrl(item, path);
        }
      }
      return typeof ctrl === "function" ? ctrl(item, path) : ctrl;
    }
    exports.visit = visit;
  }
});

// node_modules/yaml/dist/parse/cst.js
var require_cst = __commonJS({
  "node_modules/yaml/dist/parse/cst.js"(exports) {
    "use strict";
    var cstScalar = require_cst_scalar();
    var cstStringify = require_cst_stringify();
    var cstVisit = require_cst_visit();
    var BOM = "\uFEFF";
    var DOCUMENT = "";
    var FLOW_END = "";
    var SCALAR = "";
    var isCollection = (token) => !!token && "items" in token;
    var isScalar = (token) => !!token && (token.type === "scalar" || token.type === "single-quoted-scalar" || token.type === "double-quoted-scalar" || token.type === "block-scalar");
    function prettyToken(token) {
      switch (token) {
        case BOM:
          return "<BOM>";
        case DOCUMENT:
          return "<DOC>";
        case FLOW_END:
          return "<FLOW_END>";
        case SCALAR:
          return "<SCALAR>";
        default:
          return JSON.stringify(token);
      }
    }
    function tokenType(source2) {
      switch (source2) {
        case BOM:
          return "byte-order-mark";
        case DOCUMENT:
          return "doc-mode";
        case FLOW_END:
          return "flow-error-end";
        case SCALAR:
          return "scalar";
        case "---":
          return "doc-start";
        case "...":
          return "doc-end";
        case "":
        case "\n":
        case "\r\n":
          return "newline";
        case "-":
          return "seq-item-ind";
        case "?":
          return "explicit-key-ind";
        case ":":
          return "map-value-ind";
        case "{":
          return "flow-map-start";
        case "}":
          return "flow-map-end";
        case "[":
          return "flow-seq-start";
        case "]":
          return "flow-seq-end";
        case ",":
          return "comma";
      }
      switch (source2[0]) {
        case " ":
        case "	":
          return "space";
        case "#":
          return "comment";
        case "%":
          return "directive-line";
        case "*":
          return "alias";
        case "&":
          return "anchor";
        case "!":
          return "tag";
        case "'":
          return "single-quoted-scalar";
        case '"':
          return "double-quoted-scalar";
        case "|":
        case ">":
          return "block-scalar-header";
      }
      return null;
    }
    exports.createScalarToken = cstScalar.createScalarToken;
    exports.resolveAsScalar = cstScalar.resolveAsScalar;
    exports.setScalarValue = cstScalar.setScalarValue;
    exports.stringify = cstStringify.stringify;
    exports.visit = cstVisit.visit;
    exports.BOM = BOM;
    exports.DOCUMENT = DOCUMENT;
    exports.FLOW_END = FLOW_END;
    exports.SCALAR = SCALAR;
    exports.isCollection = isCollection;
    exports.isScalar = isScalar;
    exports.prettyToken = prettyToken;
    exports.tokenType = tokenType;
  }
});

// node_modules/yaml/dist/parse/lexer.js
var require_lexer = __commonJS({
  "node_modules/yaml/dist/parse/lexer.js"(exports) {
    "use strict";
    var cst = require_cst();
    function isEmpty(ch) {
      switch (ch) {
        case void 0:
        case " ":
        case "\n":
        case "\r":
        case "	":
          return true;
        default:
          return false;
      }
    }
    var hexDigits = new Set("0123456789ABCDEFabcdef");
    var tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
    var flowIndicatorChars = new Set(",[]{}");
    var invalidAnchorChars = new Set(" ,[]{}\n\r	");
    var isNotAnchorChar = (ch) => !ch || invalidAnchorChars.has(ch);
    var Lexer = class {
      constructor() {
        this.atEnd = false;
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        this.buffer = "";
        this.flowKey = false;
        this.flowLevel = 0;
        this.indentNext = 0;
        this.indentValue = 0;
        this.lineEndPos = null;
        this.next = null;
        this.pos = 0;
      }
      /**
       * Generate YAML tokens from the `source` string. If `incomplete`,
       * a part of the last line may be left as a buffer for the next call.
       *
       * @returns A generator of lexical tokens
       */
      *lex(source2, incomplete = false) {
        if (source2) {
          if (typeof source2 !== "string")
            throw TypeError("source is not a string");
          this.buffer = this.buffer ? this.buffer + source2 : source2;
          this.lineEndPos = null;
        }
        this.atEnd = !incomplete;
        let next = this.next ?? "stream";
        while (next && (incomplete || this.hasChars(1)))
          next = yield* this.parseNext(next);
      }
      atLineEnd() {
        let i2 = this.pos;
        let ch = this.buffer[i2];
        while (ch === " " || ch === "	")
          ch = this.buffer[++i2];
        if (!ch || ch === "#" || ch === "\n")
          return true;
        if (ch === "\r")
          return this.buffer[i2 + 1] === "\n";
        return false;
      }
      charAt(n) {
        return this.buffer[this.pos + n];
      }
      continueScalar(offset) {
        let ch = this.buffer[offset];
        if (this.indentNext > 0) {
          let indent = 0;
          while (ch === " ")
            ch = this.buffer[++indent + offset];
          if (ch === "\r") {
            const next = this.buffer[indent + offset + 1];
            if (next === "\n" || !next && !this.atEnd)
              return offset + indent + 1;
          }
          return ch === "\n" || indent >= this.indentNext || !ch && !this.atEnd ? offset + indent : -1;
        }
        if (ch === "-" || ch === ".") {
          const dt2 = this.buffer.substr(offset, 3);
          if ((dt2 === "---" || dt2 === "...") && isEmpty(this.buffer[offset + 3]))
            return -1;
        }
        return offset;
      }
      getLine() {
        let end = this.lineEndPos;
        if (typeof end !== "number" || end !== -1 && end < this.pos) {
          end = this.buffer.indexOf("\n", this.pos);
          this.lineEndPos = end;
        }
        if (end === -1)
          return this.atEnd ? this.buffer.substring(this.pos) : null;
        if (this.buffer[end - 1] === "\r")
          end -= 1;
        return this.buffer.substring(this.pos, end);
      }
      hasChars(n) {
        return this.pos + n <= this.buffer.length;
      }
      setNext(state) {
        this.buffer = this.buffer.substring(this.pos);
        this.pos = 0;
        this.lineEndPos = null;
        this.next = state;
        return null;
      }
      peek(n) {
        return this.buffer.substr(this.pos, n);
      }
      *parseNext(next) {
        switch (next) {
          case "stream":
            return yield* this.parseStream();
          case "line-start":
            return yield* this.parseLineStart();
          case "block-start":
            return yield* this.parseBlockStart();
          case "doc":
            return yield* this.parseDocument();
          case "flow":
            return yield* this.parseFlowCollection();
          case "quoted-scalar":
            return yield* this.parseQuotedScalar();
          case "block-scalar":
            return yield* this.parseBlockScalar();
          case "plain-scalar":
            return yield* this.parsePlainScalar();
        }
      }
      *parseStream() {
        let line2 = this.getLine();
        if (line2 === null)
          return this.setNext("stream");
        if (line2[0] === cst.BOM) {
          yield* this.pushCount(1);
          line2 = line2.substring(1);
        }
        if (line2[0] === "%") {
          let dirEnd = line2.length;
          let cs2 = line2.indexOf("#");
          while (cs2 !== -1) {
            const ch = line2[cs2 - 1];
            if (ch === " " || ch === "	") {
              dirEnd = cs2 - 1;
              break;
            } else {
              cs2 = line2.indexOf("#", cs2 + 1);
            }
          }
          while (true) {
            const ch = line2[dirEnd - 1];
            if (ch === " " || ch === "	")
              dirEnd -= 1;
            else
              break;
          }
          const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
          yield* this.pushCount(line2.length - n);
          this.pushNewline();
          return "stream";
        }
        if (this.atLineEnd()) {
          const sp = yield* this.pushSpaces(true);
          yield* this.pushCount(line2.length - sp);
          yield* this.pushNewline();
          return "stream";
        }
        yield cst.DOCUMENT;
        return yield* this.parseLineStart();
      }
      *parseLineStart() {
        const ch = this.charAt(0);
        if (!ch && !this.atEnd)
          return this.setNext("line-start");
        if (ch === "-" || ch === ".") {
          if (!this.atEnd && !this.hasChars(4))
            return this.setNext("line-start");
          const s = this.peek(3);
          if ((s === "---" || s === "...") && isEmpty(this.charAt(3))) {
            yield* this.pushCount(3);
            this.indentValue = 0;
            this.indentNext = 0;
            return s === "---" ? "doc" : "stream";
          }
        }
        this.indentValue = yield* this.pushSpaces(false);
        if (this.indentNext > this.indentValue && !isEmpty(this.charAt(1)))
          this.indentNext = this.indentValue;
        return yield* this.parseBlockStart();
      }
      *parseBlockStart() {
        const [ch0, ch1] = this.peek(2);
        if (!ch1 && !this.atEnd)
          return this.setNext("block-start");
        if ((ch0 === "-" || ch0 === "?" || ch0 === ":") && isEmpty(ch1)) {
          const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
          this.indentNext = this.indentValue + 1;
          this.indentValue += n;
          return "block-start";
        }
        return "doc";
      }
      *parseDocument() {
        yield* this.pushSpaces(true);
        const line2 = this.getLine();
        if (line2 === null)
          return this.setNext("doc");
        let n = yield* this.pushIndicators();
        switch (line2[n]) {
          case "#":
            yield* this.pushCount(line2.length - n);
          // fallthrough
          case void 0:
            yield* this.pushNewline();
            return yield* this.parseLineStart();
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel = 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            return "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "doc";
          case '"':
          case "'":
            return yield* this.parseQuotedScalar();
          case "|":
          case ">":
            n += yield* this.parseBlockScalarHeader();
            n += yield* this.pushSpaces(true);
            yield* this.pushCount(line2.length - n);
            yield* this.pushNewline();
            return yield* this.parseBlockScalar();
          default:
            return yield* this.parsePlainScalar();
        }
      }
      *parseFlowCollection() {
        let nl, sp;
        let indent = -1;
        do {
          nl = yield* this.pushNewline();
          if (nl > 0) {
            sp = yield* this.pushSpaces(false);
            this.indentValue = indent = sp;
          } else {
            sp = 0;
          }
          sp += yield* this.pushSpaces(true);
        } while (nl + sp > 0);
        const line2 = this.getLine();
        if (line2 === null)
          return this.setNext("flow");
        if (indent !== -1 && indent < this.indentNext && line2[0] !== "#" || indent === 0 && (line2.startsWith("---") || line2.startsWith("...")) && isEmpty(line2[3])) {
          const atFlowEndMarker = indent === this.indentNext - 1 && this.flowLevel === 1 && (line2[0] === "]" || line2[0] === "}");
          if (!atFlowEndMarker) {
            this.flowLevel = 0;
            yield cst.FLOW_END;
            return yield* this.parseLineStart();
          }
        }
        let n = 0;
        while (line2[n] === ",") {
          n += yield* this.pushCount(1);
          n += yield* this.pushSpaces(true);
          this.flowKey = false;
        }
        n += yield* this.pushIndicators();
        switch (line2[n]) {
          case void 0:
            return "flow";
          case "#":
            yield* this.pushCount(line2.length - n);
            return "flow";
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel += 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            this.flowKey = true;
            this.flowLevel -= 1;
            return this.flowLevel ? "flow" : "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "flow";
          case '"':
          case "'":
            this.flowKey = true;
            return yield* this.parseQuotedScalar();
          case ":": {
            const next = this.charAt(1);
            if (this.flowKey || isEmpty(next) || next === ",") {
              this.flowKey = false;
              yield* this.pushCount(1);
              yield* this.pushSpaces(true);
              return "flow";
            }
          }
          // fallthrough
          default:
            this.flowKey = false;
            return yield* this.parsePlainScalar();
        }
      }
      *parseQuotedScalar() {
        const quote = this.charAt(0);
        let end = this.buffer.indexOf(quote, this.pos + 1);
        if (quote === "'") {
          while (end !== -1 && this.buffer[end + 1] === "'")
            end = this.buffer.indexOf("'", end + 2);
        } else {
          while (end !== -1) {
            let n = 0;
            while (this.buffer[end - 1 - n] === "\\")
              n += 1;
            if (n % 2 === 0)
              break;
            end = this.buffer.indexOf('"', end + 1);
          }
        }
        const qb = this.buffer.substring(0, end);
        let nl = qb.indexOf("\n", this.pos);
        if (nl !== -1) {
          while (nl !== -1) {
            const cs2 = this.continueScalar(nl + 1);
            if (cs2 === -1)
              break;
            nl = qb.indexOf("\n", cs2);
          }
          if (nl !== -1) {
            end = nl - (qb[nl - 1] === "\r" ? 2 : 1);
          }
        }
        if (end === -1) {
          if (!this.atEnd)
            return this.setNext("quoted-scalar");
          end = this.buffer.length;
        }
        yield* this.pushToIndex(end + 1, false);
        return this.flowLevel ? "flow" : "doc";
      }
      *parseBlockScalarHeader() {
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        let i2 = this.pos;
        while (true) {
          const ch = this.buffer[++i2];
          if (ch === "+")
            this.blockScalarKeep = true;
          else if (ch > "0" && ch <= "9")
            this.blockScalarIndent = Number(ch) - 1;
          else if (ch !== "-")
            break;
        }
        return yield* this.pushUntil((ch) => isEmpty(ch) || ch === "#");
      }
      *parseBlockScalar() {
        let nl = this.pos - 1;
        let indent = 0;
        let ch;
        loop: for (let i3 = this.pos; ch = this.buffer[i3]; ++i3) {
          switch (ch) {
            case " ":
              indent += 1;
              break;
            case "\n":
              nl = i3;
              indent = 0;
              break;
            case "\r": {
              const next = this.buffer[i3 + 1];
              if (!next && !this.atEnd)
                return this.setNext("block-scalar");
              if (next === "\n")
                break;
            }
            // fallthrough
            default:
              break loop;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("block-scalar");
        if (indent >= this.indentNext) {
          if (this.blockScalarIndent === -1)
            this.indentNext = indent;
          else {
            this.indentNext = this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
          }
          do {
            const cs2 = this.continueScalar(nl + 1);
            if (cs2 === -1)
              break;
            nl = this.buffer.indexOf("\n", cs2);
          } while (nl !== -1);
          if (nl === -1) {
            if (!this.atEnd)
              return this.setNext("block-scalar");
            nl = this.buffer.length;
          }
        }
        let i2 = nl + 1;
        ch = this.buffer[i2];
        while (ch === " ")
          ch = this.buffer[++i2];
        if (ch === "	") {
          while (ch === "	" || ch === " " || ch === "\r" || ch === "\n")
            ch = this.buffer[++i2];
          nl = i2 - 1;
        } else if (!this.blockScalarKeep) {
          do {
            let i3 = nl - 1;
            let ch2 = this.buffer[i3];
            if (ch2 === "\r")
              ch2 = this.buffer[--i3];
            const lastChar = i3;
            while (ch2 === " ")
              ch2 = this.buffer[--i3];
            if (ch2 === "\n" && i3 >= this.pos && i3 + 1 + indent > lastChar)
              nl = i3;
            else
              break;
          } while (true);
        }
        yield cst.SCALAR;
        yield* this.pushToIndex(nl + 1, true);
        return yield* this.parseLineStart();
      }
      *parsePlainScalar() {
        const inFlow = this.flowLevel > 0;
        let end = this.pos - 1;
        let i2 = this.pos - 1;
        let ch;
        while (ch = this.buffer[++i2]) {
          if (ch === ":") {
            const next = this.buffer[i2 + 1];
            if (isEmpty(next) || inFlow && flowIndicatorChars.has(next))
              break;
            end = i2;
          } else if (isEmpty(ch)) {
            let next = this.buffer[i2 + 1];
            if (ch === "\r") {
              if (next === "\n") {
                i2 += 1;
                ch = "\n";
                next = this.buffer[i2 + 1];
              } else
                end = i2;
            }
            if (next === "#" || inFlow && flowIndicatorChars.has(next))
              break;
            if (ch === "\n") {
              const cs2 = this.continueScalar(i2 + 1);
              if (cs2 === -1)
                break;
              i2 = Math.max(i2, cs2 - 2);
            }
          } else {
            if (inFlow && flowIndicatorChars.has(ch))
              break;
            end = i2;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("plain-scalar");
        yield cst.SCALAR;
        yield* this.pushToIndex(end + 1, true);
        return inFlow ? "flow" : "doc";
      }
      *pushCount(n) {
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos += n;
          return n;
        }
        return 0;
      }
      *pushToIndex(i2, allowEmpty) {
        const s = this.buffer.slice(this.pos, i2);
        if (s) {
          yield s;
          this.pos += s.length;
          return s.length;
        } else if (allowEmpty)
          yield "";
        return 0;
      }
      *pushIndicators() {
        let n = 0;
        loop: while (true) {
          switch (this.charAt(0)) {
            case "!":
              n += yield* this.pushTag();
              n += yield* this.pushSpaces(true);
              continue loop;
            case "&":
              n += yield* this.pushUntil(isNotAnchorChar);
              n += yield* this.pushSpaces(true);
              continue loop;
            case "-":
            // this is an error
            case "?":
            // this is an error outside flow collections
            case ":": {
              const inFlow = this.flowLevel > 0;
              const ch1 = this.charAt(1);
              if (isEmpty(ch1) || inFlow && flowIndicatorChars.has(ch1)) {
                if (!inFlow)
                  this.indentNext = this.indentValue + 1;
                else if (this.flowKey)
                  this.flowKey = false;
                n += yield* this.pushCount(1);
                n += yield* this.pushSpaces(true);
                continue loop;
              }
            }
          }
          break loop;
        }
        return n;
      }
      *pushTag() {
        if (this.charAt(1) === "<") {
          let i2 = this.pos + 2;
          let ch = this.buffer[i2];
          while (!isEmpty(ch) && ch !== ">")
            ch = this.buffer[++i2];
          return yield* this.pushToIndex(ch === ">" ? i2 + 1 : i2, false);
        } else {
          let i2 = this.pos + 1;
          let ch = this.buffer[i2];
          while (ch) {
            if (tagChars.has(ch))
              ch = this.buffer[++i2];
            else if (ch === "%" && hexDigits.has(this.buffer[i2 + 1]) && hexDigits.has(this.buffer[i2 + 2])) {
              ch = this.buffer[i2 += 3];
            } else
              break;
          }
          return yield* this.pushToIndex(i2, false);
        }
      }
      *pushNewline() {
        const ch = this.buffer[this.pos];
        if (ch === "\n")
          return yield* this.pushCount(1);
        else if (ch === "\r" && this.charAt(1) === "\n")
          return yield* this.pushCount(2);
        else
          return 0;
      }
      *pushSpaces(allowTabs) {
        let i2 = this.pos - 1;
        let ch;
        do {
          ch = this.buffer[++i2];
        } while (ch === " " || allowTabs && ch === "	");
        const n = i2 - this.pos;
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos = i2;
        }
        return n;
      }
      *pushUntil(test) {
        let i2 = this.pos;
        let ch = this.buffer[i2];
        while (!test(ch))
          ch = this.buffer[++i2];
        return yield* this.pushToIndex(i2, false);
      }
    };
    exports.Lexer = Lexer;
  }
});

// node_modules/yaml/dist/parse/line-counter.js
var require_line_counter = __commonJS({
  "node_modules/yaml/dist/parse/line-counter.js"(exports) {
    "use strict";
    var LineCounter2 = class {
      constructor() {
        this.lineStarts = [];
        this.addNewLine = (offset) => this.lineStarts.push(offset);
        this.linePos = (offset) => {
          let low = 0;
          let high = this.lineStarts.length;
          while (low < high) {
            const mid = low + high >> 1;
            if (this.lineStarts[mid] < offset)
              low = mid + 1;
            else
              high = mid;
          }
          if (this.lineStarts[low] === offset)
            return { line: low + 1, col: 1 };
          if (low === 0)
            return { line: 0, col: offset };
          const start2 = this.lineStarts[low - 1];
          return { line: low, col: offset - start2 + 1 };
        };
      }
    };
    exports.LineCounter = LineCounter2;
  }
});

// node_modules/yaml/dist/parse/parser.js
var require_parser = __commonJS({
  "node_modules/yaml/dist/parse/parser.js"(exports) {
    "use strict";
    var node_process = __require("process");
    var cst = require_cst();
    var lexer = require_lexer();
    function includesToken(list2, type) {
      for (let i2 = 0; i2 < list2.length; ++i2)
        if (list2[i2].type === type)
          return true;
      return false;
    }
    function findNonEmptyIndex(list2) {
      for (let i2 = 0; i2 < list2.length; ++i2) {
        switch (list2[i2].type) {
          case "space":
          case "comment":
          case "newline":
            break;
          default:
            return i2;
        }
      }
      return -1;
    }
    function isFlowToken(token) {
      switch (token?.type) {
        case "alias":
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "flow-collection":
          return true;
        default:
          return false;
      }
    }
    function getPrevProps(parent) {
      switch (parent.type) {
        case "document":
          return parent.start;
        case "block-map": {
          const it2 = parent.items[parent.items.length - 1];
          return it2.sep ?? it2.start;
        }
        case "block-seq":
          return parent.items[parent.items.length - 1].start;
        /* istanbul ignore next should not happen */
        default:
          return [];
      }
    }
    function getFirstKeyStartProps(prev) {
      if (prev.length === 0)
        return [];
      let i2 = prev.length;
      loop: while (--i2 >= 0) {
        switch (prev[i2].type) {
          case "doc-start":
          case "explicit-key-ind":
          case "map-value-ind":
          case "seq-item-ind":
          case "newline":
            break loop;
        }
      }
      while (prev[++i2]?.type === "space") {
      }
      return prev.splice(i2, prev.length);
    }
    function arrayPushArray(target, source2) {
      if (source2.length < 1e5)
        Array.prototype.push.apply(target, source2);
      else
        for (let i2 = 0; i2 < source2.length; ++i2)
          target.push(source2[i2]);
    }
    function fixFlowSeqItems(fc) {
      if (fc.start.type === "flow-seq-start") {
        for (const it2 of fc.items) {
          if (it2.sep && !it2.value && !includesToken(it2.start, "explicit-key-ind") && !includesToken(it2.sep, "map-value-ind")) {
            if (it2.key)
              it2.value = it2.key;
            delete it2.key;
            if (isFlowToken(it2.value)) {
              if (it2.value.end)
                arrayPushArray(it2.value.end, it2.sep);
              else
                it2.value.end = it2.sep;
            } else
              arrayPushArray(it2.start, it2.sep);
            delete it2.sep;
          }
        }
      }
    }
    var Parser2 = class {
      /**
       * @param onNewLine - If defined, called separately with the start position of
       *   each new line (in `parse()`, including the start of input).
       */
      constructor(onNewLine) {
        this.atNewLine = true;
        this.atScalar = false;
        this.indent = 0;
        this.offset = 0;
        this.onKeyLine = false;
        this.stack = [];
        this.source = "";
        this.type = "";
        this.lexer = new lexer.Lexer();
        this.onNewLine = onNewLine;
      }
      /**
       * Parse `source` as a YAML stream.
       * If `incomplete`, a part of the last line may be left as a buffer for the next call.
       *
       * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
       *
       * @returns A generator of tokens representing each directive, document, and other structure.
       */
      *parse(source2, incomplete = false) {
        if (this.onNewLine && this.offset === 0)
          this.onNewLine(0);
        for (const lexeme of this.lexer.lex(source2, incomplete))
          yield* this.next(lexeme);
        if (!incomplete)
          yield* this.end();
      }
      /**
       * Advance the parser by the `source` of one lexical token.
       */
      *next(source2) {
        this.source = source2;
        if (node_process.env.LOG_TOKENS)
          console.log("|", cst.prettyToken(source2));
        if (this.atScalar) {
          this.atScalar = false;
          yield* this.step();
          this.offset += source2.length;
          return;
        }
        const type = cst.tokenType(source2);
        if (!type) {
          const message = `Not a YAML token: ${source2}`;
          yield* this.pop({ type: "error", offset: this.offset, message, source: source2 });
          this.offset += source2.length;
        } else if (type === "scalar") {
          this.atNewLine = false;
          this.atScalar = true;
          this.type = "scalar";
        } else {
          this.type = type;
          yield* this.step();
          switch (type) {
            case "newline":
              this.atNewLine = true;
              this.indent = 0;
              if (this.onNewLine)
                this.onNewLine(this.offset + source2.length);
              break;
            case "space":
              if (this.atNewLine && source2[0] === " ")
                this.indent += source2.length;
              break;
            case "explicit-key-ind":
            case "map-value-ind":
            case "seq-item-ind":
              if (this.atNewLine)
                this.indent += source2.length;
              break;
            case "doc-mode":
            case "flow-error-end":
              return;
            default:
              this.atNewLine = false;
          }
          this.offset += source2.length;
        }
      }
      /** Call at end of input to push out any remaining constructions */
      *end() {
        while (this.stack.length > 0)
          yield* this.pop();
      }
      get sourceToken() {
        const st2 = {
          type: this.type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
        return st2;
      }
      *step() {
        const top = this.peek(1);
        if (this.type === "doc-end" && top?.type !== "doc-end") {
          while (this.stack.length > 0)
            yield* this.pop();
          this.stack.push({
            type: "doc-end",
            offset: this.offset,
            source: this.source
          });
          return;
        }
        if (!top)
          return yield* this.stream();
        switch (top.type) {
          case "document":
            return yield* this.document(top);
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return yield* this.scalar(top);
          case "block-scalar":
            return yield* this.blockScalar(top);
          case "block-map":
            return yield* this.blockMap(top);
          case "block-seq":
            return yield* this.blockSequence(top);
          case "flow-collection":
            return yield* this.flowCollection(top);
          case "doc-end":
            return yield* this.documentEnd(top);
        }
        yield* this.pop();
      }
      peek(n) {
        return this.stack[this.stack.length - n];
      }
      *pop(error) {
        const token = error ?? this.stack.pop();
        if (!token) {
          const message = "Tried to pop an empty stack";
          yield { type: "error", offset: this.offset, source: "", message };
        } else if (this.stack.length === 0) {
          yield token;
        } else {
          const top = this.peek(1);
          if (token.type === "block-scalar") {
            token.indent = "indent" in top ? top.indent : 0;
          } else if (token.type === "flow-collection" && top.type === "document") {
            token.indent = 0;
          }
          if (token.type === "flow-collection")
            fixFlowSeqItems(token);
          switch (top.type) {
            case "document":
              top.value = token;
              break;
            case "block-scalar":
              top.props.push(token);
              break;
            case "block-map": {
              const it2 = top.items[top.items.length - 1];
              if (it2.value) {
                top.items.push({ start: [], key: token, sep: [] });
                this.onKeyLine = true;
                return;
              } else if (it2.sep) {
                it2.value = token;
              } else {
                Object.assign(it2, { key: token, sep: [] });
                this.onKeyLine = !it2.explicitKey;
                return;
              }
              break;
            }
            case "block-seq": {
              const it2 = top.items[top.items.length - 1];
              if (it2.value)
                top.items.push({ start: [], value: token });
              else
                it2.value = token;
              break;
            }
            case "flow-collection": {
              const it2 = top.items[top.items.length - 1];
              if (!it2 || it2.value)
                top.items.push({ start: [], key: token, sep: [] });
              else if (it2.sep)
                it2.value = token;
              else
                Object.assign(it2, { key: token, sep: [] });
              return;
            }
            /* istanbul ignore next should not happen */
            default:
              yield* this.pop();
              yield* this.pop(token);
          }
          if ((top.type === "document" || top.type === "block-map" || top.type === "block-seq") && (token.type === "block-map" || token.type === "block-seq")) {
            const last = token.items[token.items.length - 1];
            if (last && !last.sep && !last.value && last.start.length > 0 && findNonEmptyIndex(last.start) === -1 && (token.indent === 0 || last.start.every((st2) => st2.type !== "comment" || st2.indent < token.indent))) {
              if (top.type === "document")
                top.end = last.start;
              else
                top.items.push({ start: last.start });
              token.items.splice(-1, 1);
            }
          }
        }
      }
      *stream() {
        switch (this.type) {
          case "directive-line":
            yield { type: "directive", offset: this.offset, source: this.source };
            return;
          case "byte-order-mark":
          case "space":
          case "comment":
          case "newline":
            yield this.sourceToken;
            return;
          case "doc-mode":
          case "doc-start": {
            const doc = {
              type: "document",
              offset: this.offset,
              start: []
            };
            if (this.type === "doc-start")
              doc.start.push(this.sourceToken);
            this.stack.push(doc);
            return;
          }
        }
        yield {
          type: "error",
          offset: this.offset,
          message: `Unexpected ${this.type} token in YAML stream`,
          source: this.source
        };
      }
      *document(doc) {
        if (doc.value)
          return yield* this.lineEnd(doc);
        switch (this.type) {
          case "doc-start": {
            if (findNonEmptyIndex(doc.start) !== -1) {
              yield* this.pop();
              yield* this.step();
            } else
              doc.start.push(this.sourceToken);
            return;
          }
          case "anchor":
          case "tag":
          case "space":
          case "comment":
          case "newline":
            doc.start.push(this.sourceToken);
            return;
        }
        const bv = this.startBlockValue(doc);
        if (bv)
          this.stack.push(bv);
        else {
          yield {
            type: "error",
            offset: this.offset,
            message: `Unexpected ${this.type} token in YAML document`,
            source: this.source
          };
        }
      }
      *scalar(scalar) {
        if (this.type === "map-value-ind") {
          const prev = getPrevProps(this.peek(2));
          const start2 = getFirstKeyStartProps(prev);
          let sep;
          if (scalar.end) {
            sep = scalar.end;
            sep.push(this.sourceToken);
            delete scalar.end;
          } else
            sep = [this.sourceToken];
          const map = {
            type: "block-map",
            offset: scalar.offset,
            indent: scalar.indent,
            items: [{ start: start2, key: scalar, sep }]
          };
          this.onKeyLine = true;
          this.stack[this.stack.length - 1] = map;
        } else
          yield* this.lineEnd(scalar);
      }
      *blockScalar(scalar) {
        switch (this.type) {
          case "space":
          case "comment":
          case "newline":
            scalar.props.push(this.sourceToken);
            return;
          case "scalar":
            scalar.source = this.source;
            this.atNewLine = true;
            this.indent = 0;
            if (this.onNewLine) {
              let nl = this.source.indexOf("\n") + 1;
              while (nl !== 0) {
                this.onNewLine(this.offset + nl);
                nl = this.source.indexOf("\n", nl) + 1;
              }
            }
            yield* this.pop();
            break;
          /* istanbul ignore next should not happen */
          default:
            yield* this.pop();
            yield* this.step();
        }
      }
      *blockMap(map) {
        const it2 = map.items[map.items.length - 1];
        switch (this.type) {
          case "newline":
            this.onKeyLine = false;
            if (it2.value) {
              const end = "end" in it2.value ? it2.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                map.items.push({ start: [this.sourceToken] });
            } else if (it2.sep) {
              it2.sep.push(this.sourceToken);
            } else {
              it2.start.push(this.sourceToken);
            }
            return;
          case "space":
          case "comment":
            if (it2.value) {
              map.items.push({ start: [this.sourceToken] });
            } else if (it2.sep) {
              it2.sep.push(this.sourceToken);
            } else {
              if (this.atIndentedComment(it2.start, map.indent)) {
                const prev = map.items[map.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it2.start);
                  end.push(this.sourceToken);
                  map.items.pop();
                  return;
                }
              }
              it2.start.push(this.sourceToken);
            }
            return;
        }
        if (this.indent >= map.indent) {
          const atMapIndent = !this.onKeyLine && this.indent === map.indent;
          const atNextItem = atMapIndent && (it2.sep || it2.explicitKey) && this.type !== "seq-item-ind";
          let start2 = [];
          if (atNextItem && it2.sep && !it2.value) {
            const nl = [];
            for (let i2 = 0; i2 < it2.sep.length; ++i2) {
              const st2 = it2.sep[i2];
              switch (st2.type) {
                case "newline":
                  nl.push(i2);
                  break;
                case "space":
                  break;
                case "comment":
                  if (st2.indent > map.indent)
                    nl.length = 0;
                  break;
                default:
                  nl.length = 0;
              }
            }
            if (nl.length >= 2)
              start2 = it2.sep.splice(nl[1]);
          }
          switch (this.type) {
            case "anchor":
            case "tag":
              if (atNextItem || it2.value) {
                start2.push(this.sourceToken);
                map.items.push({ start: start2 });
                this.onKeyLine = true;
              } else if (it2.sep) {
                it2.sep.push(this.sourceToken);
              } else {
                it2.start.push(this.sourceToken);
              }
              return;
            case "explicit-key-ind":
              if (!it2.sep && !it2.explicitKey) {
                it2.start.push(this.sourceToken);
                it2.explicitKey = true;
              } else if (atNextItem || it2.value) {
                start2.push(this.sourceToken);
                map.items.push({ start: start2, explicitKey: true });
              } else {
                this.stack.push({
                  type: "block-map",
                  offset: this.offset,
                  indent: this.indent,
                  items: [{ start: [this.sourceToken], explicitKey: true }]
                });
              }
              this.onKeyLine = true;
              return;
            case "map-value-ind":
              if (it2.explicitKey) {
                if (!it2.sep) {
                  if (includesToken(it2.start, "newline")) {
                    Object.assign(it2, { key: null, sep: [this.sourceToken] });
                  } else {
                    const start3 = getFirstKeyStartProps(it2.start);
                    this.stack.push({
                      type: "block-map",
                      offset: this.offset,
                      indent: this.indent,
                      items: [{ start: start3, key: null, sep: [this.sourceToken] }]
                    });
                  }
                } else if (it2.value) {
                  map.items.push({ start: [], key: null, sep: [this.sourceToken] });
                } else if (includesToken(it2.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: start2, key: null, sep: [this.sourceToken] }]
                  });
                } else if (isFlowToken(it2.key) && !includesToken(it2.sep, "newline")) {
                  const start3 = getFirstKeyStartProps(it2.start);
                  const key = it2.key;
                  const sep = it2.sep;
                  sep.push(this.sourceToken);
                  delete it2.key;
                  delete it2.sep;
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: start3, key, sep }]
                  });
                } else if (start2.length > 0) {
                  it2.sep = it2.sep.concat(start2, this.sourceToken);
                } else {
                  it2.sep.push(this.sourceToken);
                }
              } else {
                if (!it2.sep) {
                  Object.assign(it2, { key: null, sep: [this.sourceToken] });
                } else if (it2.value || atNextItem) {
                  map.items.push({ start: start2, key: null, sep: [this.sourceToken] });
                } else if (includesToken(it2.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: [], key: null, sep: [this.sourceToken] }]
                  });
                } else {
                  it2.sep.push(this.sourceToken);
                }
              }
              this.onKeyLine = true;
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs3 = this.flowScalar(this.type);
              if (atNextItem || it2.value) {
                map.items.push({ start: start2, key: fs3, sep: [] });
                this.onKeyLine = true;
              } else if (it2.sep) {
                this.stack.push(fs3);
              } else {
                Object.assign(it2, { key: fs3, sep: [] });
                this.onKeyLine = true;
              }
              return;
            }
            default: {
              const bv = this.startBlockValue(map);
              if (bv) {
                if (bv.type === "block-seq") {
                  if (!it2.explicitKey && it2.sep && !includesToken(it2.sep, "newline")) {
                    yield* this.pop({
                      type: "error",
                      offset: this.offset,
                      message: "Unexpected block-seq-ind on same line with key",
                      source: this.source
                    });
                    return;
                  }
                } else if (atMapIndent) {
                  map.items.push({ start: start2 });
                }
                this.stack.push(bv);
                return;
              }
            }
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *blockSequence(seq) {
        const it2 = seq.items[seq.items.length - 1];
        switch (this.type) {
          case "newline":
            if (it2.value) {
              const end = "end" in it2.value ? it2.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                seq.items.push({ start: [this.sourceToken] });
            } else
              it2.start.push(this.sourceToken);
            return;
          case "space":
          case "comment":
            if (it2.value)
              seq.items.push({ start: [this.sourceToken] });
            else {
              if (this.atIndentedComment(it2.start, seq.indent)) {
                const prev = seq.items[seq.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it2.start);
                  end.push(this.sourceToken);
                  seq.items.pop();
                  return;
                }
              }
              it2.start.push(this.sourceToken);
            }
            return;
          case "anchor":
          case "tag":
            if (it2.value || this.indent <= seq.indent)
              break;
            it2.start.push(this.sourceToken);
            return;
          case "seq-item-ind":
            if (this.indent !== seq.indent)
              break;
            if (it2.value || includesToken(it2.start, "seq-item-ind"))
              seq.items.push({ start: [this.sourceToken] });
            else
              it2.start.push(this.sourceToken);
            return;
        }
        if (this.indent > seq.indent) {
          const bv = this.startBlockValue(seq);
          if (bv) {
            this.stack.push(bv);
            return;
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *flowCollection(fc) {
        const it2 = fc.items[fc.items.length - 1];
        if (this.type === "flow-error-end") {
          let top;
          do {
            yield* this.pop();
            top = this.peek(1);
          } while (top?.type === "flow-collection");
        } else if (fc.end.length === 0) {
          switch (this.type) {
            case "comma":
            case "explicit-key-ind":
              if (!it2 || it2.sep)
                fc.items.push({ start: [this.sourceToken] });
              else
                it2.start.push(this.sourceToken);
              return;
            case "map-value-ind":
              if (!it2 || it2.value)
                fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
              else if (it2.sep)
                it2.sep.push(this.sourceToken);
              else
                Object.assign(it2, { key: null, sep: [this.sourceToken] });
              return;
            case "space":
            case "comment":
            case "newline":
            case "anchor":
            case "tag":
              if (!it2 || it2.value)
                fc.items.push({ start: [this.sourceToken] });
              else if (it2.sep)
                it2.sep.push(this.sourceToken);
              else
                it2.start.push(this.sourceToken);
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs3 = this.flowScalar(this.type);
              if (!it2 || it2.value)
                fc.items.push({ start: [], key: fs3, sep: [] });
              else if (it2.sep)
                this.stack.push(fs3);
              else
                Object.assign(it2, { key: fs3, sep: [] });
              return;
            }
            case "flow-map-end":
            case "flow-seq-end":
              fc.end.push(this.sourceToken);
              return;
          }
          const bv = this.startBlockValue(fc);
          if (bv)
            this.stack.push(bv);
          else {
            yield* this.pop();
            yield* this.step();
          }
        } else {
          const parent = this.peek(2);
          if (parent.type === "block-map" && (this.type === "map-value-ind" && parent.indent === fc.indent || this.type === "newline" && !parent.items[parent.items.length - 1].sep)) {
            yield* this.pop();
            yield* this.step();
          } else if (this.type === "map-value-ind" && parent.type !== "flow-collection") {
            const prev = getPrevProps(parent);
            const start2 = getFirstKeyStartProps(prev);
            fixFlowSeqItems(fc);
            const sep = fc.end.splice(1, fc.end.length);
            sep.push(this.sourceToken);
            const map = {
              type: "block-map",
              offset: fc.offset,
              indent: fc.indent,
              items: [{ start: start2, key: fc, sep }]
            };
            this.onKeyLine = true;
            this.stack[this.stack.length - 1] = map;
          } else {
            yield* this.lineEnd(fc);
          }
        }
      }
      flowScalar(type) {
        if (this.onNewLine) {
          let nl = this.source.indexOf("\n") + 1;
          while (nl !== 0) {
            this.onNewLine(this.offset + nl);
            nl = this.source.indexOf("\n", nl) + 1;
          }
        }
        return {
          type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
      }
      startBlockValue(parent) {
        switch (this.type) {
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return this.flowScalar(this.type);
          case "block-scalar-header":
            return {
              type: "block-scalar",
              offset: this.offset,
              indent: this.indent,
              props: [this.sourceToken],
              source: ""
            };
          case "flow-map-start":
          case "flow-seq-start":
            return {
              type: "flow-collection",
              offset: this.offset,
              indent: this.indent,
              start: this.sourceToken,
              items: [],
              end: []
            };
          case "seq-item-ind":
            return {
              type: "block-seq",
              offset: this.offset,
              indent: this.indent,
              items: [{ start: [this.sourceToken] }]
            };
          case "explicit-key-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start2 = getFirstKeyStartProps(prev);
            start2.push(this.sourceToken);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start: start2, explicitKey: true }]
            };
          }
          case "map-value-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start2 = getFirstKeyStartProps(prev);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start: start2, key: null, sep: [this.sourceToken] }]
            };
          }
        }
        return null;
      }
      atIndentedComment(start2, indent) {
        if (this.type !== "comment")
          return false;
        if (this.indent <= indent)
          return false;
        return start2.every((st2) => st2.type === "newline" || st2.type === "space");
      }
      *documentEnd(docEnd) {
        if (this.type !== "doc-mode") {
          if (docEnd.end)
            docEnd.end.push(this.sourceToken);
          else
            docEnd.end = [this.sourceToken];
          if (this.type === "newline")
            yield* this.pop();
        }
      }
      *lineEnd(token) {
        switch (this.type) {
          case "comma":
          case "doc-start":
          case "doc-end":
          case "flow-seq-end":
          case "flow-map-end":
          case "map-value-ind":
            yield* this.pop();
            yield* this.step();
            break;
          case "newline":
            this.onKeyLine = false;
          // fallthrough
          case "space":
          case "comment":
          default:
            if (token.end)
              token.end.push(this.sourceToken);
            else
              token.end = [this.sourceToken];
            if (this.type === "newline")
              yield* this.pop();
        }
      }
    };
    exports.Parser = Parser2;
  }
});

// node_modules/yaml/dist/public-api.js
var require_public_api = __commonJS({
  "node_modules/yaml/dist/public-api.js"(exports) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var errors = require_errors();
    var log = require_log();
    var identity2 = require_identity();
    var lineCounter = require_line_counter();
    var parser2 = require_parser();
    function parseOptions(options) {
      const prettyErrors = options.prettyErrors !== false;
      const lineCounter$1 = options.lineCounter || prettyErrors && new lineCounter.LineCounter() || null;
      return { lineCounter: lineCounter$1, prettyErrors };
    }
    function parseAllDocuments(source2, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser2.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      const docs = Array.from(composer$1.compose(parser$1.parse(source2)));
      if (prettyErrors && lineCounter2)
        for (const doc of docs) {
          doc.errors.forEach(errors.prettifyError(source2, lineCounter2));
          doc.warnings.forEach(errors.prettifyError(source2, lineCounter2));
        }
      if (docs.length > 0)
        return docs;
      return Object.assign([], { empty: true }, composer$1.streamInfo());
    }
    function parseDocument2(source2, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser2.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      let doc = null;
      for (const _doc of composer$1.compose(parser$1.parse(source2), true, source2.length)) {
        if (!doc)
          doc = _doc;
        else if (doc.options.logLevel !== "silent") {
          doc.errors.push(new errors.YAMLParseError(_doc.range.slice(0, 2), "MULTIPLE_DOCS", "Source contains multiple documents; please use YAML.parseAllDocuments()"));
          break;
        }
      }
      if (prettyErrors && lineCounter2) {
        doc.errors.forEach(errors.prettifyError(source2, lineCounter2));
        doc.warnings.forEach(errors.prettifyError(source2, lineCounter2));
      }
      return doc;
    }
    function parse(src, reviver, options) {
      let _reviver = void 0;
      if (typeof reviver === "function") {
        _reviver = reviver;
      } else if (options === void 0 && reviver && typeof reviver === "object") {
        options = reviver;
      }
      const doc = parseDocument2(src, options);
      if (!doc)
        return null;
      doc.warnings.forEach((warning) => log.warn(doc.options.logLevel, warning));
      if (doc.errors.length > 0) {
        if (doc.options.logLevel !== "silent")
          throw doc.errors[0];
        else
          doc.errors = [];
      }
      return doc.toJS(Object.assign({ reviver: _reviver }, options));
    }
    function stringify(value, replacer, options) {
      let _replacer = null;
      if (typeof replacer === "function" || Array.isArray(replacer)) {
        _replacer = replacer;
      } else if (options === void 0 && replacer) {
        options = replacer;
      }
      if (typeof options === "string")
        options = options.length;
      if (typeof options === "number") {
        const indent = Math.round(options);
        options = indent < 1 ? void 0 : indent > 8 ? { indent: 8 } : { indent };
      }
      if (value === void 0) {
        const { keepUndefined } = options ?? replacer ?? {};
        if (!keepUndefined)
          return void 0;
      }
      if (identity2.isDocument(value) && !_replacer)
        return value.toString(options);
      return new Document.Document(value, _replacer, options).toString(options);
    }
    exports.parse = parse;
    exports.parseAllDocuments = parseAllDocuments;
    exports.parseDocument = parseDocument2;
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/index.js
var require_dist = __commonJS({
  "node_modules/yaml/dist/index.js"(exports) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var Schema = require_Schema();
    var errors = require_errors();
    var Alias = require_Alias();
    var identity2 = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var cst = require_cst();
    var lexer = require_lexer();
    var lineCounter = require_line_counter();
    var parser2 = require_parser();
    var publicApi = require_public_api();
    var visit = require_visit();
    exports.Composer = composer.Composer;
    exports.Document = Document.Document;
    exports.Schema = Schema.Schema;
    exports.YAMLError = errors.YAMLError;
    exports.YAMLParseError = errors.YAMLParseError;
    exports.YAMLWarning = errors.YAMLWarning;
    exports.Alias = Alias.Alias;
    exports.isAlias = identity2.isAlias;
    exports.isCollection = identity2.isCollection;
    exports.isDocument = identity2.isDocument;
    exports.isMap = identity2.isMap;
    exports.isNode = identity2.isNode;
    exports.isPair = identity2.isPair;
    exports.isScalar = identity2.isScalar;
    exports.isSeq = identity2.isSeq;
    exports.Pair = Pair.Pair;
    exports.Scalar = Scalar.Scalar;
    exports.YAMLMap = YAMLMap.YAMLMap;
    exports.YAMLSeq = YAMLSeq.YAMLSeq;
    exports.CST = cst;
    exports.Lexer = lexer.Lexer;
    exports.LineCounter = lineCounter.LineCounter;
    exports.Parser = parser2.Parser;
    exports.parse = publicApi.parse;
    exports.parseAllDocuments = publicApi.parseAllDocuments;
    exports.parseDocument = publicApi.parseDocument;
    exports.stringify = publicApi.stringify;
    exports.visit = visit.visit;
    exports.visitAsync = visit.visitAsync;
  }
});

// node_modules/ms/index.js
var require_ms = __commonJS({
  "node_modules/ms/index.js"(exports, module2) {
    var s = 1e3;
    var m2 = s * 60;
    var h3 = m2 * 60;
    var d2 = h3 * 24;
    var w2 = d2 * 7;
    var y2 = d2 * 365.25;
    module2.exports = function(val, options) {
      options = options || {};
      var type = typeof val;
      if (type === "string" && val.length > 0) {
        return parse(val);
      } else if (type === "number" && isFinite(val)) {
        return options.long ? fmtLong(val) : fmtShort(val);
      }
      throw new Error(
        "val is not a non-empty string or a valid number. val=" + JSON.stringify(val)
      );
    };
    function parse(str2) {
      str2 = String(str2);
      if (str2.length > 100) {
        return;
      }
      var match = /^(-?(?:\d+)?\.?\d+) *(milliseconds?|msecs?|ms|seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)?$/i.exec(
        str2
      );
      if (!match) {
        return;
      }
      var n = parseFloat(match[1]);
      var type = (match[2] || "ms").toLowerCase();
      switch (type) {
        case "years":
        case "year":
        case "yrs":
        case "yr":
        case "y":
          return n * y2;
        case "weeks":
        case "week":
        case "w":
          return n * w2;
        case "days":
        case "day":
        case "d":
          return n * d2;
        case "hours":
        case "hour":
        case "hrs":
        case "hr":
        case "h":
          return n * h3;
        case "minutes":
        case "minute":
        case "mins":
        case "min":
        case "m":
          return n * m2;
        case "seconds":
        case "second":
        case "secs":
        case "sec":
        case "s":
          return n * s;
        case "milliseconds":
        case "millisecond":
        case "msecs":
        case "msec":
        case "ms":
          return n;
        default:
          return void 0;
      }
    }
    function fmtShort(ms2) {
      var msAbs = Math.abs(ms2);
      if (msAbs >= d2) {
        return Math.round(ms2 / d2) + "d";
      }
      if (msAbs >= h3) {
        return Math.round(ms2 / h3) + "h";
      }
      if (msAbs >= m2) {
        return Math.round(ms2 / m2) + "m";
      }
      if (msAbs >= s) {
        return Math.round(ms2 / s) + "s";
      }
      return ms2 + "ms";
    }
    function fmtLong(ms2) {
      var msAbs = Math.abs(ms2);
      if (msAbs >= d2) {
        return plural(ms2, msAbs, d2, "day");
      }
      if (msAbs >= h3) {
        return plural(ms2, msAbs, h3, "hour");
      }
      if (msAbs >= m2) {
        return plural(ms2, msAbs, m2, "minute");
      }
      if (msAbs >= s) {
        return plural(ms2, msAbs, s, "second");
      }
      return ms2 + " ms";
    }
    function plural(ms2, msAbs, n, name2) {
      var isPlural = msAbs >= n * 1.5;
      return Math.round(ms2 / n) + " " + name2 + (isPlural ? "s" : "");
    }
  }
});

// node_modules/debug/src/common.js
var require_common = __commonJS({
  "node_modules/debug/src/common.js"(exports, module2) {
    function setup(env) {
      createDebug.debug = createDebug;
      createDebug.default = createDebug;
      createDebug.coerce = coerce;
      createDebug.disable = disable;
      createDebug.enable = enable;
      createDebug.enabled = enabled;
      createDebug.humanize = require_ms();
      createDebug.destroy = destroy;
      Object.keys(env).forEach((key) => {
        createDebug[key] = env[key];
      });
      createDebug.names = [];
      createDebug.skips = [];
      createDebug.formatters = {};
      function selectColor(namespace) {
        let hash = 0;
        for (let i2 = 0; i2 < namespace.length; i2++) {
          hash = (hash << 5) - hash + namespace.charCodeAt(i2);
          hash |= 0;
        }
        return createDebug.colors[Math.abs(hash) % createDebug.colors.length];
      }
      createDebug.selectColor = selectColor;
      function createDebug(namespace) {
        let prevTime;
        let enableOverride = null;
        let namespacesCache;
        let enabledCache;
        function debug(...args2) {
          if (!debug.enabled) {
            return;
          }
          const self = debug;
          const curr = Number(/* @__PURE__ */ new Date());
          const ms2 = curr - (prevTime || curr);
          self.diff = ms2;
          self.prev = prevTime;
          self.curr = curr;
          prevTime = curr;
          args2[0] = createDebug.coerce(args2[0]);
          if (typeof args2[0] !== "string") {
            args2.unshift("%O");
          }
          let index = 0;
          args2[0] = args2[0].replace(/%([a-zA-Z%])/g, (match, format) => {
            if (match === "%%") {
              return "%";
            }
            index++;
            const formatter = createDebug.formatters[format];
            if (typeof formatter === "function") {
              const val = args2[index];
              match = formatter.call(self, val);
              args2.splice(index, 1);
              index--;
            }
            return match;
          });
          createDebug.formatArgs.call(self, args2);
          const logFn = self.log || createDebug.log;
          logFn.apply(self, args2);
        }
        debug.namespace = namespace;
        debug.useColors = createDebug.useColors();
        debug.color = createDebug.selectColor(namespace);
        debug.extend = extend2;
        debug.destroy = createDebug.destroy;
        Object.defineProperty(debug, "enabled", {
          enumerable: true,
          configurable: false,
          get: () => {
            if (enableOverride !== null) {
              return enableOverride;
            }
            if (namespacesCache !== createDebug.namespaces) {
              namespacesCache = createDebug.namespaces;
              enabledCache = createDebug.enabled(namespace);
            }
            return enabledCache;
          },
          set: (v2) => {
            enableOverride = v2;
          }
        });
        if (typeof createDebug.init === "function") {
          createDebug.init(debug);
        }
        return debug;
      }
      function extend2(namespace, delimiter) {
        const newDebug = createDebug(this.namespace + (typeof delimiter === "undefined" ? ":" : delimiter) + namespace);
        newDebug.log = this.log;
        return newDebug;
      }
      function enable(namespaces) {
        createDebug.save(namespaces);
        createDebug.namespaces = namespaces;
        createDebug.names = [];
        createDebug.skips = [];
        const split = (typeof namespaces === "string" ? namespaces : "").trim().replace(/\s+/g, ",").split(",").filter(Boolean);
        for (const ns2 of split) {
          if (ns2[0] === "-") {
            createDebug.skips.push(ns2.slice(1));
          } else {
            createDebug.names.push(ns2);
          }
        }
      }
      function matchesTemplate(search, template) {
        let searchIndex = 0;
        let templateIndex = 0;
        let starIndex = -1;
        let matchIndex = 0;
        while (searchIndex < search.length) {
          if (templateIndex < template.length && (template[templateIndex] === search[searchIndex] || template[templateIndex] === "*")) {
            if (template[templateIndex] === "*") {
              starIndex = templateIndex;
              matchIndex = searchIndex;
              templateIndex++;
            } else {
              searchIndex++;
              templateIndex++;
            }
          } else if (starIndex !== -1) {
            templateIndex = starIndex + 1;
            matchIndex++;
            searchIndex = matchIndex;
          } else {
            return false;
          }
        }
        while (templateIndex < template.length && template[templateIndex] === "*") {
          templateIndex++;
        }
        return templateIndex === template.length;
      }
      function disable() {
        const namespaces = [
          ...createDebug.names,
          ...createDebug.skips.map((namespace) => "-" + namespace)
        ].join(",");
        createDebug.enable("");
        return namespaces;
      }
      function enabled(name2) {
        for (const skip of createDebug.skips) {
          if (matchesTemplate(name2, skip)) {
            return false;
          }
        }
        for (const ns2 of createDebug.names) {
          if (matchesTemplate(name2, ns2)) {
            return true;
          }
        }
        return false;
      }
      function coerce(val) {
        if (val instanceof Error) {
          return val.stack || val.message;
        }
        return val;
      }
      function destroy() {
        console.warn("Instance method `debug.destroy()` is deprecated and no longer does anything. It will be removed in the next major version of `debug`.");
      }
      createDebug.enable(createDebug.load());
      return createDebug;
    }
    module2.exports = setup;
  }
});

// node_modules/debug/src/browser.js
var require_browser = __commonJS({
  "node_modules/debug/src/browser.js"(exports, module2) {
    exports.formatArgs = formatArgs;
    exports.save = save;
    exports.load = load;
    exports.useColors = useColors;
    exports.storage = localstorage();
    exports.destroy = /* @__PURE__ */ (() => {
      let warned = false;
      return () => {
        if (!warned) {
          warned = true;
          console.warn("Instance method `debug.destroy()` is deprecated and no longer does anything. It will be removed in the next major version of `debug`.");
        }
      };
    })();
    exports.colors = [
      "#0000CC",
      "#0000FF",
      "#0033CC",
      "#0033FF",
      "#0066CC",
      "#0066FF",
      "#0099CC",
      "#0099FF",
      "#00CC00",
      "#00CC33",
      "#00CC66",
      "#00CC99",
      "#00CCCC",
      "#00CCFF",
      "#3300CC",
      "#3300FF",
      "#3333CC",
      "#3333FF",
      "#3366CC",
      "#3366FF",
      "#3399CC",
      "#3399FF",
      "#33CC00",
      "#33CC33",
      "#33CC66",
      "#33CC99",
      "#33CCCC",
      "#33CCFF",
      "#6600CC",
      "#6600FF",
      "#6633CC",
      "#6633FF",
      "#66CC00",
      "#66CC33",
      "#9900CC",
      "#9900FF",
      "#9933CC",
      "#9933FF",
      "#99CC00",
      "#99CC33",
      "#CC0000",
      "#CC0033",
      "#CC0066",
      "#CC0099",
      "#CC00CC",
      "#CC00FF",
      "#CC3300",
      "#CC3333",
      "#CC3366",
      "#CC3399",
      "#CC33CC",
      "#CC33FF",
      "#CC6600",
      "#CC6633",
      "#CC9900",
      "#CC9933",
      "#CCCC00",
      "#CCCC33",
      "#FF0000",
      "#FF0033",
      "#FF0066",
      "#FF0099",
      "#FF00CC",
      "#FF00FF",
      "#FF3300",
      "#FF3333",
      "#FF3366",
      "#FF3399",
      "#FF33CC",
      "#FF33FF",
      "#FF6600",
      "#FF6633",
      "#FF9900",
      "#FF9933",
      "#FFCC00",
      "#FFCC33"
    ];
    function useColors() {
      if (typeof window !== "undefined" && window.process && (window.process.type === "renderer" || window.process.__nwjs)) {
        return true;
      }
      if (typeof navigator !== "undefined" && navigator.userAgent && navigator.userAgent.toLowerCase().match(/(edge|trident)\/(\d+)/)) {
        return false;
      }
      let m2;
      return typeof document !== "undefined" && document.documentElement && document.documentElement.style && document.documentElement.style.WebkitAppearance || // Is firebug? http://stackoverflow.com/a/398120/376773
      typeof window !== "undefined" && window.console && (window.console.firebug || window.console.exception && window.console.table) || // Is firefox >= v31?
      // https://developer.mozilla.org/en-US/docs/Tools/Web_Console#Styling_messages
      typeof navigator !== "undefined" && navigator.userAgent && (m2 = navigator.userAgent.toLowerCase().match(/firefox\/(\d+)/)) && parseInt(m2[1], 10) >= 31 || // Double check webkit in userAgent just in case we are in a worker
      typeof navigator !== "undefined" && navigator.userAgent && navigator.userAgent.toLowerCase().match(/applewebkit\/(\d+)/);
    }
    function formatArgs(args2) {
      args2[0] = (this.useColors ? "%c" : "") + this.namespace + (this.useColors ? " %c" : " ") + args2[0] + (this.useColors ? "%c " : " ") + "+" + module2.exports.humanize(this.diff);
      if (!this.useColors) {
        return;
      }
      const c3 = "color: " + this.color;
      args2.splice(1, 0, c3, "color: inherit");
      let index = 0;
      let lastC = 0;
      args2[0].replace(/%[a-zA-Z%]/g, (match) => {
        if (match === "%%") {
          return;
        }
        index++;
        if (match === "%c") {
          lastC = index;
        }
      });
      args2.splice(lastC, 0, c3);
    }
    exports.log = console.debug || console.log || (() => {
    });
    function save(namespaces) {
      try {
        if (namespaces) {
          exports.storage.setItem("debug", namespaces);
        } else {
          exports.storage.removeItem("debug");
        }
      } catch (error) {
      }
    }
    function load() {
      let r2;
      try {
        r2 = exports.storage.getItem("debug") || exports.storage.getItem("DEBUG");
      } catch (error) {
      }
      if (!r2 && typeof process !== "undefined" && "env" in process) {
        r2 = process.env.DEBUG;
      }
      return r2;
    }
    function localstorage() {
      try {
        return localStorage;
      } catch (error) {
      }
    }
    module2.exports = require_common()(exports);
    var { formatters } = module2.exports;
    formatters.j = function(v2) {
      try {
        return JSON.stringify(v2);
      } catch (error) {
        return "[UnexpectedJSONParseError]: " + error.message;
      }
    };
  }
});

// node_modules/has-flag/index.js
var require_has_flag = __commonJS({
  "node_modules/has-flag/index.js"(exports, module2) {
    "use strict";
    module2.exports = (flag, argv = process.argv) => {
      const prefix = flag.startsWith("-") ? "" : flag.length === 1 ? "-" : "--";
      const position = argv.indexOf(prefix + flag);
      const terminatorPosition = argv.indexOf("--");
      return position !== -1 && (terminatorPosition === -1 || position < terminatorPosition);
    };
  }
});

// node_modules/supports-color/index.js
var require_supports_color = __commonJS({
  "node_modules/supports-color/index.js"(exports, module2) {
    "use strict";
    var os2 = __require("os");
    var tty = __require("tty");
    var hasFlag = require_has_flag();
    var { env } = process;
    var forceColor;
    if (hasFlag("no-color") || hasFlag("no-colors") || hasFlag("color=false") || hasFlag("color=never")) {
      forceColor = 0;
    } else if (hasFlag("color") || hasFlag("colors") || hasFlag("color=true") || hasFlag("color=always")) {
      forceColor = 1;
    }
    if ("FORCE_COLOR" in env) {
      if (env.FORCE_COLOR === "true") {
        forceColor = 1;
      } else if (env.FORCE_COLOR === "false") {
        forceColor = 0;
      } else {
        forceColor = env.FORCE_COLOR.length === 0 ? 1 : Math.min(parseInt(env.FORCE_COLOR, 10), 3);
      }
    }
    function translateLevel(level) {
      if (level === 0) {
        return false;
      }
      return {
        level,
        hasBasic: true,
        has256: level >= 2,
        has16m: level >= 3
      };
    }
    function supportsColor(haveStream, streamIsTTY) {
      if (forceColor === 0) {
        return 0;
      }
      if (hasFlag("color=16m") || hasFlag("color=full") || hasFlag("color=truecolor")) {
        return 3;
      }
      if (hasFlag("color=256")) {
        return 2;
      }
      if (haveStream && !streamIsTTY && forceColor === void 0) {
        return 0;
      }
      const min = forceColor || 0;
      if (env.TERM === "dumb") {
        return min;
      }
      if (process.platform === "win32") {
        const osRelease = os2.release().split(".");
        if (Number(osRelease[0]) >= 10 && Number(osRelease[2]) >= 10586) {
          return Number(osRelease[2]) >= 14931 ? 3 : 2;
        }
        return 1;
      }
      if ("CI" in env) {
        if (["TRAVIS", "CIRCLECI", "APPVEYOR", "GITLAB_CI", "GITHUB_ACTIONS", "BUILDKITE"].some((sign) => sign in env) || env.CI_NAME === "codeship") {
          return 1;
        }
        return min;
      }
      if ("TEAMCITY_VERSION" in env) {
        return /^(9\.(0*[1-9]\d*)\.|\d{2,}\.)/.test(env.TEAMCITY_VERSION) ? 1 : 0;
      }
      if (env.COLORTERM === "truecolor") {
        return 3;
      }
      if ("TERM_PROGRAM" in env) {
        const version = parseInt((env.TERM_PROGRAM_VERSION || "").split(".")[0], 10);
        switch (env.TERM_PROGRAM) {
          case "iTerm.app":
            return version >= 3 ? 3 : 2;
          case "Apple_Terminal":
            return 2;
        }
      }
      if (/-256(color)?$/i.test(env.TERM)) {
        return 2;
      }
      if (/^screen|^xterm|^vt100|^vt220|^rxvt|color|ansi|cygwin|linux/i.test(env.TERM)) {
        return 1;
      }
      if ("COLORTERM" in env) {
        return 1;
      }
      return min;
    }
    function getSupportLevel(stream) {
      const level = supportsColor(stream, stream && stream.isTTY);
      return translateLevel(level);
    }
    module2.exports = {
      supportsColor: getSupportLevel,
      stdout: translateLevel(supportsColor(true, tty.isatty(1))),
      stderr: translateLevel(supportsColor(true, tty.isatty(2)))
    };
  }
});

// node_modules/debug/src/node.js
var require_node = __commonJS({
  "node_modules/debug/src/node.js"(exports, module2) {
    var tty = __require("tty");
    var util = __require("util");
    exports.init = init2;
    exports.log = log;
    exports.formatArgs = formatArgs;
    exports.save = save;
    exports.load = load;
    exports.useColors = useColors;
    exports.destroy = util.deprecate(
      () => {
      },
      "Instance method `debug.destroy()` is deprecated and no longer does anything. It will be removed in the next major version of `debug`."
    );
    exports.colors = [6, 2, 3, 4, 5, 1];
    try {
      const supportsColor = require_supports_color();
      if (supportsColor && (supportsColor.stderr || supportsColor).level >= 2) {
        exports.colors = [
          20,
          21,
          26,
          27,
          32,
          33,
          38,
          39,
          40,
          41,
          42,
          43,
          44,
          45,
          56,
          57,
          62,
          63,
          68,
          69,
          74,
          75,
          76,
          77,
          78,
          79,
          80,
          81,
          92,
          93,
          98,
          99,
          112,
          113,
          128,
          129,
          134,
          135,
          148,
          149,
          160,
          161,
          162,
          163,
          164,
          165,
          166,
          167,
          168,
          169,
          170,
          171,
          172,
          173,
          178,
          179,
          184,
          185,
          196,
          197,
          198,
          199,
          200,
          201,
          202,
          203,
          204,
          205,
          206,
          207,
          208,
          209,
          214,
          215,
          220,
          221
        ];
      }
    } catch (error) {
    }
    exports.inspectOpts = Object.keys(process.env).filter((key) => {
      return /^debug_/i.test(key);
    }).reduce((obj, key) => {
      const prop = key.substring(6).toLowerCase().replace(/_([a-z])/g, (_3, k2) => {
        return k2.toUpperCase();
      });
      let val = process.env[key];
      if (/^(yes|on|true|enabled)$/i.test(val)) {
        val = true;
      } else if (/^(no|off|false|disabled)$/i.test(val)) {
        val = false;
      } else if (val === "null") {
        val = null;
      } else {
        val = Number(val);
      }
      obj[prop] = val;
      return obj;
    }, {});
    function useColors() {
      return "colors" in exports.inspectOpts ? Boolean(exports.inspectOpts.colors) : tty.isatty(process.stderr.fd);
    }
    function formatArgs(args2) {
      const { namespace: name2, useColors: useColors2 } = this;
      if (useColors2) {
        const c3 = this.color;
        const colorCode = "\x1B[3" + (c3 < 8 ? c3 : "8;5;" + c3);
        const prefix = `  ${colorCode};1m${name2} \x1B[0m`;
        args2[0] = prefix + args2[0].split("\n").join("\n" + prefix);
        args2.push(colorCode + "m+" + module2.exports.humanize(this.diff) + "\x1B[0m");
      } else {
        args2[0] = getDate() + name2 + " " + args2[0];
      }
    }
    function getDate() {
      if (exports.inspectOpts.hideDate) {
        return "";
      }
      return (/* @__PURE__ */ new Date()).toISOString() + " ";
    }
    function log(...args2) {
      return process.stderr.write(util.formatWithOptions(exports.inspectOpts, ...args2) + "\n");
    }
    function save(namespaces) {
      if (namespaces) {
        process.env.DEBUG = namespaces;
      } else {
        delete process.env.DEBUG;
      }
    }
    function load() {
      return process.env.DEBUG;
    }
    function init2(debug) {
      debug.inspectOpts = {};
      const keys = Object.keys(exports.inspectOpts);
      for (let i2 = 0; i2 < keys.length; i2++) {
        debug.inspectOpts[keys[i2]] = exports.inspectOpts[keys[i2]];
      }
    }
    module2.exports = require_common()(exports);
    var { formatters } = module2.exports;
    formatters.o = function(v2) {
      this.inspectOpts.colors = this.useColors;
      return util.inspect(v2, this.inspectOpts).split("\n").map((str2) => str2.trim()).join(" ");
    };
    formatters.O = function(v2) {
      this.inspectOpts.colors = this.useColors;
      return util.inspect(v2, this.inspectOpts);
    };
  }
});

// node_modules/debug/src/index.js
var require_src = __commonJS({
  "node_modules/debug/src/index.js"(exports, module2) {
    if (typeof process === "undefined" || process.type === "renderer" || process.browser === true || process.__nwjs) {
      module2.exports = require_browser();
    } else {
      module2.exports = require_node();
    }
  }
});

// node_modules/@kwsites/file-exists/dist/src/index.js
var require_src2 = __commonJS({
  "node_modules/@kwsites/file-exists/dist/src/index.js"(exports) {
    "use strict";
    var __importDefault = exports && exports.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    var fs_1 = __require("fs");
    var debug_1 = __importDefault(require_src());
    var log = debug_1.default("@kwsites/file-exists");
    function check(path, isFile, isDirectory) {
      log(`checking %s`, path);
      try {
        const stat = fs_1.statSync(path);
        if (stat.isFile() && isFile) {
          log(`[OK] path represents a file`);
          return true;
        }
        if (stat.isDirectory() && isDirectory) {
          log(`[OK] path represents a directory`);
          return true;
        }
        log(`[FAIL] path represents something other than a file or directory`);
        return false;
      } catch (e) {
        if (e.code === "ENOENT") {
          log(`[FAIL] path is not accessible: %o`, e);
          return false;
        }
        log(`[FATAL] %o`, e);
        throw e;
      }
    }
    function exists(path, type = exports.READABLE) {
      return check(path, (type & exports.FILE) > 0, (type & exports.FOLDER) > 0);
    }
    exports.exists = exists;
    exports.FILE = 1;
    exports.FOLDER = 2;
    exports.READABLE = exports.FILE + exports.FOLDER;
  }
});

// node_modules/@kwsites/file-exists/dist/index.js
var require_dist2 = __commonJS({
  "node_modules/@kwsites/file-exists/dist/index.js"(exports) {
    "use strict";
    function __export(m2) {
      for (var p2 in m2) if (!exports.hasOwnProperty(p2)) exports[p2] = m2[p2];
    }
    Object.defineProperty(exports, "__esModule", { value: true });
    __export(require_src2());
  }
});

// node_modules/@kwsites/promise-deferred/dist/index.js
var require_dist3 = __commonJS({
  "node_modules/@kwsites/promise-deferred/dist/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.createDeferred = exports.deferred = void 0;
    function deferred() {
      let done;
      let fail;
      let status = "pending";
      const promise = new Promise((_done, _fail) => {
        done = _done;
        fail = _fail;
      });
      return {
        promise,
        done(result) {
          if (status === "pending") {
            status = "resolved";
            done(result);
          }
        },
        fail(error) {
          if (status === "pending") {
            status = "rejected";
            fail(error);
          }
        },
        get fulfilled() {
          return status !== "pending";
        },
        get status() {
          return status;
        }
      };
    }
    exports.deferred = deferred;
    exports.createDeferred = deferred;
    exports.default = deferred;
  }
});

// node_modules/ignore/index.js
var require_ignore = __commonJS({
  "node_modules/ignore/index.js"(exports, module2) {
    function makeArray(subject) {
      return Array.isArray(subject) ? subject : [subject];
    }
    var UNDEFINED = void 0;
    var EMPTY = "";
    var SPACE = " ";
    var ESCAPE = "\\";
    var REGEX_LITERAL_SPECIAL = /[.*+?()[\]{}^$|\\/]/;
    var BOM = "\uFEFF";
    var REGEX_ANCHORED_GLOBSTAR = /^\/\*{2,}$/;
    var REGEX_REPLACE_LEADING_EXCAPED_EXCLAMATION = /^\\!/;
    var REGEX_REPLACE_LEADING_EXCAPED_HASH = /^\\#/;
    var REGEX_SPLITALL_CRLF = /\r?\n/g;
    var DOUBLE_SLASH = "//";
    var SLASH_CODE = 47;
    var DOT_CODE = 46;
    var SLASH = "/";
    var TMP_KEY_IGNORE = "node-ignore";
    if (typeof Symbol !== "undefined") {
      TMP_KEY_IGNORE = /* @__PURE__ */ Symbol.for("node-ignore");
    }
    var KEY_IGNORE = TMP_KEY_IGNORE;
    var define = (object, key, value) => {
      Object.defineProperty(object, key, { value });
      return value;
    };
    var RETURN_FALSE = () => false;
    var POSIX_CLASSES = {
      alnum: "0-9A-Za-z",
      alpha: "A-Za-z",
      blank: " \\t",
      cntrl: "\\x00-\\x1f\\x7f",
      digit: "0-9",
      graph: "!-.0-~",
      lower: "a-z",
      print: " -.0-~",
      punct: "!-.:-@\\[-`{-~",
      // git's `sane-ctype.h` classifies \v and \f as control, not space,
      //   unlike C's `isspace`
      space: " \\t\\n\\r",
      upper: "A-Z",
      xdigit: "0-9A-Fa-f"
    };
    var CLASS_MEMBERS_TO_ESCAPE = "\\]^-[";
    var escapeMember = (char) => CLASS_MEMBERS_TO_ESCAPE.indexOf(char) < 0 ? char : ESCAPE + char;
    var NON_SLASH = "(?!\\/)";
    var classSource = (negated, body2) => {
      if (negated) {
        return `[^\\/${body2}]`;
      }
      const source2 = `[${body2}]`;
      return new RegExp(source2).test("/") ? NON_SLASH + source2 : source2;
    };
    var scanBracket = (pattern, start2) => {
      const { length } = pattern;
      let index = start2 + 1;
      let negated = EMPTY;
      const lead = pattern[index];
      if (lead === "!" || lead === "^") {
        negated = "^";
        index++;
      }
      let body2 = EMPTY;
      let prev = EMPTY;
      for (; ; ) {
        const char = pattern[index];
        if (char === UNDEFINED) {
          return null;
        }
        if (char === ESCAPE) {
          const escaped = pattern[++index];
          body2 += escapeMember(escaped);
          prev = escaped;
        } else if (char === "-" && prev && index + 1 < length && pattern[index + 1] !== "]") {
          index++;
          let to2 = pattern[index];
          if (to2 === ESCAPE) {
            to2 = pattern[index += 1];
          }
          if (prev <= to2) {
            body2 += `-${escapeMember(to2)}`;
          }
          prev = EMPTY;
        } else if (char === "[" && pattern[index + 1] === ":") {
          const nameStart = index + 2;
          let end = nameStart;
          while (end < length && pattern[end] !== "]") {
            end++;
          }
          if (end === length) {
            return null;
          }
          if (end > nameStart && pattern[end - 1] === ":") {
            const name2 = pattern.slice(nameStart, end - 1);
            if (!Object.prototype.hasOwnProperty.call(POSIX_CLASSES, name2)) {
              return null;
            }
            body2 += POSIX_CLASSES[name2];
            prev = EMPTY;
            index = end;
          } else {
            body2 += escapeMember("[");
            prev = "[";
            index = nameStart - 2;
          }
        } else {
          body2 += escapeMember(char);
          prev = char;
        }
        index++;
        if (pattern[index] === "]") {
          return {
            end: index,
            source: classSource(negated, body2)
          };
        }
      }
    };
    var NEVER_MATCH = "[]";
    var PLACEHOLDER = "\0";
    var REGEX_RESTORE_PLACEHOLDER = new RegExp(
      `${PLACEHOLDER}(\\d+)${PLACEHOLDER}`,
      "g"
    );
    var TRAILING_WILDCARD = "\uE000";
    var TRAILING_DOUBLESTAR = "\uE001";
    var isReserved = (char) => char === PLACEHOLDER || char === TRAILING_WILDCARD || char === TRAILING_DOUBLESTAR;
    var extractBrackets = (pattern) => {
      const sources = [];
      const hold = (source2) => `${PLACEHOLDER}${sources.push(source2) - 1}${PLACEHOLDER}`;
      const { length } = pattern;
      let out2 = EMPTY;
      let index = 0;
      while (index < length) {
        const char = pattern[index];
        if (char === ESCAPE) {
          const escaped = pattern[index + 1];
          if (escaped === SLASH && index + 2 === length) {
            out2 += hold(NEVER_MATCH);
          } else if (escaped === "*" || escaped === "[" || escaped === SPACE) {
            out2 += pattern.slice(index, index + 2);
          } else {
            out2 += hold(
              REGEX_LITERAL_SPECIAL.test(escaped) ? ESCAPE + escaped : isReserved(escaped) ? `[${escaped}]` : escaped
            );
          }
          index += 2;
        } else if (isReserved(char)) {
          out2 += hold(`[${char}]`);
          index++;
        } else if (char === "[") {
          const scanned = scanBracket(pattern, index);
          if (scanned === null) {
            out2 += hold(NEVER_MATCH);
            index = length;
          } else {
            out2 += hold(scanned.source);
            index = scanned.end + 1;
          }
        } else {
          out2 += char;
          index++;
        }
      }
      return {
        source: out2,
        sources
      };
    };
    var DIRECT = null;
    var REGEX_INNER_SLASH = /\/(?!$)/;
    var WILDCARD = "[^\\/]*";
    var REPLACERS = [
      // Replace (\ ) with ' '
      // Only a space: an escaped tab or other whitespace is already a literal by
      //   the time it reaches here, and a bare tab must be left as one, not turned
      //   into a space.
      // (\ ) -> ' '
      // (\\ ) -> '\\ '
      // (\\\ ) -> '\\ '
      [
        // A run of backslashes is taken whole, from its first one, so no match
        //   ever starts again inside it -- `(\\+?) ` did, which made a long run
        //   quadratic.
        /(\\+)( ?)/g,
        (_3, run2, space) => space ? run2.slice(0, run2.length - run2.length % 2) + SPACE : run2,
        ESCAPE + SPACE
      ],
      // git's wildmatch() reads a run of two or more asterisks as one globstar
      //   whenever the run fills a path segment: it starts the pattern or follows
      //   a `/`, and it ends the pattern or comes before a `/`. A run of two is
      //   already `**`; a longer one is folded into `**` here, so the steps
      //   below only ever have to know `**`.
      // `***/foo` -> `**/foo`, `a/***/b` -> `a/**/b`, `a/***` -> `a/**`
      // git also takes a run beside a literal prefix (`a***/b`) or beside an
      //   escaped slash (`***\/b`) as a globstar, and this does not; the README
      //   lists both, under "A run of asterisks".
      [
        /(^|\/)\*{3,}(?=\/|$)/g,
        (_3, start2) => `${start2}**`,
        "*"
      ],
      // Escape metacharacters
      // which is written down by users but means special for regular expressions.
      // > There are 12 characters with special meanings:
      // > - the backslash \,
      // > - the caret ^,
      // > - the dollar sign $,
      // > - the period or dot .,
      // > - the vertical bar or pipe symbol |,
      // > - the question mark ?,
      // > - the asterisk or star *,
      // > - the plus sign +,
      // > - the opening parenthesis (,
      // > - the closing parenthesis ),
      // > - and the opening square bracket [,
      // > - the opening curly brace {,
      // > These special characters are often called "metacharacters".
      [
        /[\\$.|*+(){^]/g,
        (match) => `\\${match}`
      ],
      [
        // > a question mark (?) matches a single character
        /(?!\\)\?/g,
        () => "[^/]",
        "?"
      ],
      // leading slash
      [
        // > A leading slash matches the beginning of the pathname.
        // > For example, "/*.c" matches "cat-file.c" but not "mozilla-sha1/sha1.c".
        // A leading slash matches the beginning of the pathname
        /^\//,
        () => "^",
        SLASH
      ],
      // replace special metacharacter slash after the leading slash
      [
        /\//g,
        () => "\\/",
        SLASH
      ],
      [
        // > A leading "**" followed by a slash means match in all directories.
        // > For example, "**/foo" matches file or directory "foo" anywhere,
        // > the same as pattern "foo".
        // > "**/foo/bar" matches file or directory "bar" anywhere that is directly
        // >   under directory "foo".
        // Notice that the '*'s have been replaced as '\\*'
        /^\^*(?:\\\*\\\*\\\/)+/,
        // '**/foo' <-> 'foo'
        () => "(?:^|\\/)",
        "*"
      ],
      // starting
      [
        // there will be no leading '/'
        //   (which has been replaced by section "leading slash")
        // If starts with '**', adding a '^' to the regular expression also works
        DIRECT,
        (source2, pattern) => {
          if (!source2 || source2[0] === "^" || source2[0] === "(") {
            return source2;
          }
          const anchor = !REGEX_INNER_SLASH.test(pattern) ? "(?:^|\\/)" : "^";
          return anchor + source2;
        }
      ],
      // two globstars
      [
        // Use lookahead assertions so that we could match more than one `'/**'`
        /\\\/\\\*\\\*(?=\\\/|$)/g,
        // Zero, one or several directories
        // should not use '*', or it will be replaced by the next replacer
        // Check if it is not the last `'/**'`
        (_3, index, str2) => index + 6 < str2.length ? str2.slice(index + 6) === "\\/" ? "(?:\\/[^\\/]+)+" : "(?:\\/[^\\/]+)*" : `\\/${TRAILING_DOUBLESTAR}`,
        "*"
      ],
      // normal intermediate wildcards
      [
        // Never replace escaped '*'
        // ignore rule '\*' will match the path '*'
        // 'abc.*/' -> go
        // 'abc.*'  -> skip this rule,
        //    coz trailing single wildcard will be handed by [trailing wildcard]
        /(^|[^\\])(?:\\\*)+(?!$)/g,
        // '*.js' matches '.js'
        // '*.js' doesn't match 'abc'
        // 1. An asterisk "*" matches anything except a slash.
        // 2. Other consecutive asterisks are considered regular asterisks
        //    and collapse into one non-slash wildcard run.
        (_3, p1) => p1 + WILDCARD,
        "*"
      ],
      // trailing wildcard, held apart from a literal star
      [
        // The step above leaves a trailing `*` alone, so a single `\*` is all that
        //   can be left at the end here, and what stands in front of it says which
        //   kind it is. A wildcard arrives as the escaper wrote it, `\*` with
        //   nothing before it; a literal arrives as the user's own escape, which
        //   the escaper doubled, and then the star's own -- `\\` and then `\*`.
        //   There is no third case: every backslash still reaching the chain is
        //   one `\*`, `\[` or `\ ` carries itself, and each is followed by its
        //   own character, so a longer run can never form. This runs while the
        //   two are still distinct, before the unescape steps below collapse the
        //   literal onto the very `\*` a wildcard leaves behind.
        /(^|[^\\])((?:\\\\)*)\\\*$/,
        (match, p1, p2) => p2 === EMPTY ? p1 + TRAILING_WILDCARD : match,
        "*"
      ],
      [
        // unescape, revert step 3 except for back slash
        // For example, if a user escape a '\\*',
        // after step 3, the result will be '\\\\\\*'
        /\\\\\\(?=[$.|*+(){^])/g,
        () => ESCAPE,
        ESCAPE + ESCAPE
      ],
      [
        // '\\\\' -> '\\'
        /\\\\/g,
        () => ESCAPE,
        ESCAPE + ESCAPE
      ],
      [
        // Every real bracket expression -- POSIX classes included -- has already
        //   been held aside by `extractBrackets`, so the only `[` left in the
        //   pattern is an escaped, literal one.
        // A backslash could only stand at the end of the range if it quoted the
        //   `]`, and `\]` is held aside long before this.
        /\\\[([^\]/]*?)($|\])/g,
        // '\\[bar]' -> '\\\\[bar]'
        (match, range, close) => `\\[${range}${close}`,
        "["
      ],
      // ending
      [
        // 'js' will not match 'js.'
        // 'ab' will not match 'abc'
        DIRECT,
        // WTF!
        // https://git-scm.com/docs/gitignore
        // changes in [2.22.1](https://git-scm.com/docs/gitignore/2.22.1)
        // which re-fixes #24, #38
        // > If there is a separator at the end of the pattern then the pattern
        // > will only match directories, otherwise the pattern can match both
        // > files and directories.
        // 'js*' will not match 'a.js'
        // 'js/' will not match 'a.js'
        // 'js' will match 'a.js' and 'a.js/'
        (source2) => {
          const last = source2[source2.length - 1];
          if (!last || last === TRAILING_WILDCARD || last === TRAILING_DOUBLESTAR) {
            return source2;
          }
          return last === SLASH ? `${source2}$` : `${source2}(?=$|\\/$)`;
        }
      ]
    ];
    var REGEX_REPLACE_TRAILING_WILDCARD = /(^|\\\/)?\uE000$/;
    var MODE_IGNORE = "regex";
    var MODE_CHECK_IGNORE = "checkRegex";
    var UNDERSCORE = "_";
    var replaceTrailingWildcard = (_3, p1) => {
      const prefix = p1 ? `${p1}[^/]+` : "[^/]*";
      return `${prefix}(?=$|\\/$)`;
    };
    var REGEX_REPLACE_TRAILING_DOUBLESTAR = /\uE001$/;
    var replaceTrailingDoublestar = () => "[\\s\\S]";
    var separatorAfter = (run2, at2) => {
      let separator = EMPTY;
      for (let index = at2 + 1; index < run2.length && !run2[index].wildcard; index++) {
        separator += run2[index].single;
      }
      return separator;
    };
    var pinWildcards = (source2) => {
      if (source2.indexOf(WILDCARD) < 0) {
        return source2;
      }
      const tokens = [];
      const { length } = source2;
      let index = 0;
      while (index < length) {
        const char = source2[index];
        if (source2.startsWith(WILDCARD, index)) {
          tokens.push({ wildcard: true });
          index += WILDCARD.length;
        } else if (char === "[") {
          let end = index + 1;
          if (source2[end] === "^") {
            end++;
          }
          if (source2[end] === "]") {
            end++;
          }
          while (end < length && source2[end] !== "]") {
            end += source2[end] === ESCAPE ? 2 : 1;
          }
          end++;
          tokens.push({ single: source2.slice(index, end) });
          index = end;
        } else if (char === ESCAPE) {
          tokens.push({ single: source2.slice(index, index + 2) });
          index += 2;
        } else if (char === "(") {
          let depth = 0;
          let end = index;
          do {
            if (source2[end] === ESCAPE) {
              end++;
            } else if (source2[end] === "(") {
              depth++;
            } else if (source2[end] === ")") {
              depth--;
            }
            end++;
          } while (end < length && depth > 0);
          if ("*+?".indexOf(source2[end]) >= 0) {
            end++;
          }
          tokens.push({ boundary: source2.slice(index, end) });
          index = end;
        } else if (char === "^" || char === "$") {
          tokens.push({ boundary: char });
          index++;
        } else {
          tokens.push({ single: char });
          index++;
        }
      }
      let out2 = EMPTY;
      let run2 = [];
      const flush = () => {
        let lastWildcard;
        run2.forEach((token, at2) => {
          if (token.wildcard) {
            lastWildcard = at2;
          }
        });
        run2.forEach((token, at2) => {
          if (!token.wildcard) {
            out2 += token.single;
            return;
          }
          out2 += at2 === lastWildcard ? WILDCARD : `(?:(?!${separatorAfter(run2, at2)})[^\\/])*`;
        });
        run2 = [];
      };
      tokens.forEach((token) => {
        if (token.boundary === void 0) {
          run2.push(token);
          return;
        }
        flush();
        out2 += token.boundary;
      });
      flush();
      return out2;
    };
    var makeRegexPrefix = (pattern) => {
      if (REGEX_ANCHORED_GLOBSTAR.test(pattern)) {
        pattern = "**";
      }
      const { source: source2, sources } = extractBrackets(pattern);
      const replaced = REPLACERS.reduce(
        // A pass whose matcher finds nothing hands back the very string it was
        //   given, so asking first costs a search and saves a rewrite. Ten of the
        //   fifteen passes never fire for a typical .gitignore line, and between
        //   them they were 45% of this chain.
        (prev, [matcher, replacer, required]) => {
          if (matcher === DIRECT) {
            return replacer(prev, pattern);
          }
          if (required !== UNDEFINED && prev.indexOf(required) < 0) {
            return prev;
          }
          return matcher.test(prev) ? prev.replace(matcher, replacer.bind(pattern)) : prev;
        },
        source2
      );
      return sources.length ? replaced.replace(
        REGEX_RESTORE_PLACEHOLDER,
        (match, index) => sources[index]
      ) : replaced;
    };
    var checkSourceOf = (body2, prefix) => {
      if (body2[body2.length - 1] === SLASH) {
        prefix = makeRegexPrefix(body2.slice(0, -1));
      }
      const head = prefix.slice(0, -1);
      const last = prefix[prefix.length - 1];
      return last === TRAILING_WILDCARD ? `${head}$` : last === TRAILING_DOUBLESTAR ? head : NEVER_MATCH;
    };
    var matchesBasename = (body2) => {
      const index = body2.indexOf(SLASH);
      return index < 0 || index === body2.length - 1;
    };
    var basenameOf = (path) => {
      const end = path.length - 1;
      const index = path.lastIndexOf(
        SLASH,
        path[end] === SLASH ? end - 1 : end
      );
      return index < 0 ? path : path.slice(index + 1);
    };
    var parentOf = (path) => {
      if (path.charCodeAt(0) === SLASH_CODE || path.indexOf(DOUBLE_SLASH) >= 0) {
        const slices = path.split(SLASH).filter(Boolean);
        slices.pop();
        return slices.length ? slices.join(SLASH) + SLASH : EMPTY;
      }
      const end = path.length - 1;
      const cut = path.lastIndexOf(
        SLASH,
        path.charCodeAt(end) === SLASH_CODE ? end - 1 : end
      );
      return cut < 0 ? EMPTY : path.slice(0, cut + 1);
    };
    var isString = (subject) => typeof subject === "string";
    var checkPattern = (pattern) => pattern && isString(pattern);
    var splitPattern = (pattern) => (pattern[pattern.length - 1] === "\r" ? pattern.slice(0, -1) : pattern).split(REGEX_SPLITALL_CRLF).filter(Boolean);
    var IgnoreRule = class {
      constructor(pattern, mark, body2, ignoreCase, negative, prefix) {
        this.pattern = pattern;
        this.mark = mark;
        this.negative = negative;
        define(this, "body", body2);
        define(this, "ignoreCase", ignoreCase);
        define(this, "regexPrefix", prefix);
      }
      // Worked out on first use and kept behind an own property, the way `regex`
      //   caches itself in `_regex`. Deciding it in the constructor instead would
      //   add a fourth `defineProperty` to every rule ever built, which cost 4% of
      //   every compile -- including the compiles of rules that are never matched
      //   against anything.
      get _basenameOnly() {
        return define(this, "_basenameOnly", matchesBasename(this.body));
      }
      get regex() {
        const key = UNDERSCORE + MODE_IGNORE;
        if (this[key]) {
          return this[key];
        }
        return this._make(MODE_IGNORE, key);
      }
      get checkRegex() {
        const key = UNDERSCORE + MODE_CHECK_IGNORE;
        if (this[key]) {
          return this[key];
        }
        return this._make(MODE_CHECK_IGNORE, key);
      }
      _make(mode, key) {
        const str2 = pinWildcards(
          mode === MODE_IGNORE ? this.regexPrefix.replace(REGEX_REPLACE_TRAILING_WILDCARD, replaceTrailingWildcard).replace(REGEX_REPLACE_TRAILING_DOUBLESTAR, replaceTrailingDoublestar) : checkSourceOf(this.body, this.regexPrefix)
        );
        const regex = this.ignoreCase ? new RegExp(str2, "i") : new RegExp(str2);
        return define(this, key, regex);
      }
    };
    var hasTrailingBackslash = (str2) => {
      let count = 0;
      while (str2[str2.length - count - 1] === ESCAPE) {
        count++;
      }
      return count % 2 === 1;
    };
    var trimEnd = (body2, stripLineEnd) => {
      let lineEnd = body2.length;
      let end;
      for (; ; ) {
        if (stripLineEnd && body2[lineEnd - 1] === "\r") {
          lineEnd--;
        }
        end = lineEnd;
        while (body2[end - 1] === SPACE) {
          end--;
        }
        if (!stripLineEnd || body2[end - 1] !== "\n") {
          break;
        }
        lineEnd = end - 1;
      }
      if (end === lineEnd) {
        return body2.slice(0, lineEnd);
      }
      let backslashes = 0;
      while (body2[end - backslashes - 1] === ESCAPE) {
        backslashes++;
      }
      return backslashes % 2 ? body2.slice(0, end - 1) + SPACE : body2.slice(0, end);
    };
    var createRule = (pattern, mark, ignoreCase, stripLineEnd, stripBOM) => {
      let body2 = stripBOM && pattern[0] === BOM ? pattern.slice(1) : pattern;
      if (body2[0] === "#") {
        return;
      }
      let negative = false;
      if (body2[0] === "!") {
        negative = true;
        body2 = body2.slice(1);
      }
      const last = body2[body2.length - 1];
      if (last === SPACE || stripLineEnd && (last === "\r" || last === "\n")) {
        body2 = trimEnd(body2, stripLineEnd);
      }
      if (!body2 || hasTrailingBackslash(body2)) {
        return;
      }
      body2 = body2.replace(REGEX_REPLACE_LEADING_EXCAPED_EXCLAMATION, "!").replace(REGEX_REPLACE_LEADING_EXCAPED_HASH, "#");
      const regexPrefix = makeRegexPrefix(body2);
      return new IgnoreRule(
        pattern,
        mark,
        body2,
        ignoreCase,
        negative,
        regexPrefix
      );
    };
    var RuleManager = class {
      constructor(ignoreCase) {
        this._ignoreCase = ignoreCase;
        this._rules = [];
        this._basenameCount = 0;
      }
      _add(pattern, index) {
        if (pattern && pattern[KEY_IGNORE]) {
          this._rules = this._rules.concat(pattern._rules._rules);
          this._basenameCount += pattern._rules._basenameCount;
          this._added = true;
          return;
        }
        const isStr = isString(pattern);
        const raw = isStr ? pattern : pattern.pattern;
        const rule = checkPattern(raw) && createRule(
          raw,
          isStr ? UNDEFINED : pattern.mark,
          this._ignoreCase,
          !this._split,
          this._stripBOM && !index
        );
        if (rule) {
          this._added = true;
          this._rules.push(rule);
          if (matchesBasename(rule.body)) {
            this._basenameCount++;
          }
        }
      }
      // @param {Array<string> | string | Ignore} pattern
      add(pattern) {
        this._added = false;
        this._split = isString(pattern);
        this._stripBOM = !this._split || pattern[0] === BOM;
        makeArray(
          this._split ? splitPattern(pattern) : pattern
        ).forEach(this._add, this);
        if (this._added) {
          this._literalRules = UNDEFINED;
        }
        return this._added;
      }
      // Match the literal 'abc/' for `checkIgnore`, last rule wins. Only a rule
      //   ending in a wildcard can match it (see `checkSourceOf`), so the rest
      //   are left out once, rather than tested or compiled for every path.
      testLiteral(path) {
        const rules = this._literalRules || (this._literalRules = this._rules.filter(
          ({ body: body2 }) => body2[body2.length - (body2[body2.length - 1] === SLASH ? 2 : 1)] === "*"
        ));
        let ignored = false;
        let unignored = false;
        let matchedRule;
        for (let index = rules.length - 1; index >= 0; index--) {
          const rule = rules[index];
          if (rule.checkRegex.test(path)) {
            ignored = !rule.negative;
            unignored = rule.negative;
            matchedRule = rule.negative ? UNDEFINED : rule;
            break;
          }
        }
        const ret = {
          ignored,
          unignored
        };
        if (matchedRule) {
          ret.rule = matchedRule;
        }
        return ret;
      }
      // Test one single path without recursively checking parent directories
      //
      // - mode `string` either `MODE_IGNORE` or `MODE_CHECK_IGNORE`
      // @returns {TestResult}
      test(path, mode) {
        const rules = this._rules;
        const { length } = rules;
        const shortcut = this._basenameCount * 2 >= length;
        const basename2 = shortcut ? basenameOf(path) : path;
        for (let index = length - 1; index >= 0; index--) {
          const rule = rules[index];
          if (rule[mode].test(
            shortcut && rule._basenameOnly ? basename2 : path
          )) {
            const { negative } = rule;
            const ret = {
              ignored: !negative,
              unignored: negative
            };
            if (!negative) {
              ret.rule = rule;
            }
            return ret;
          }
        }
        return {
          ignored: false,
          unignored: false
        };
      }
    };
    var throwError = (message, Ctor) => {
      throw new Ctor(message);
    };
    var checkPath = (path, originalPath, doThrow) => {
      if (!isString(path)) {
        return doThrow(
          `path must be a string, but got \`${originalPath}\``,
          TypeError
        );
      }
      if (!path) {
        return doThrow(`path must not be empty`, TypeError);
      }
      if (checkPath.isNotRelative(path)) {
        const r2 = "`path.relative()`d";
        return doThrow(
          `path should be a ${r2} string, but got "${originalPath}"`,
          RangeError
        );
      }
      return true;
    };
    var isNotRelative = (path) => {
      const first = path.charCodeAt(0);
      if (first === SLASH_CODE) {
        return true;
      }
      if (first !== DOT_CODE) {
        return false;
      }
      if (path.length === 1) {
        return true;
      }
      const second = path.charCodeAt(1);
      if (second === SLASH_CODE) {
        return true;
      }
      if (second !== DOT_CODE) {
        return false;
      }
      return path.length === 2 || path.charCodeAt(2) === SLASH_CODE;
    };
    checkPath.isNotRelative = isNotRelative;
    checkPath.convert = (p2) => p2;
    var convertPath = (target) => isString(target) && checkPath.convert(target);
    var Ignore = class {
      constructor({
        ignorecase = true,
        ignoreCase = ignorecase,
        allowRelativePaths = false
      } = {}) {
        define(this, KEY_IGNORE, true);
        this._rules = new RuleManager(ignoreCase);
        this._strictPathCheck = !allowRelativePaths;
        this._initCache();
      }
      _initCache() {
        this._ignoreCache = /* @__PURE__ */ Object.create(null);
        this._testCache = /* @__PURE__ */ Object.create(null);
      }
      add(pattern) {
        if (this._rules.add(pattern)) {
          this._initCache();
        }
        return this;
      }
      // legacy
      addPattern(pattern) {
        return this.add(pattern);
      }
      // @returns {TestResult}
      _test(originalPath, cache, path) {
        checkPath(
          path,
          originalPath,
          this._strictPathCheck ? throwError : RETURN_FALSE
        );
        return path ? this._t(path, cache) : {
          ignored: false,
          unignored: false
        };
      }
      checkIgnore(target) {
        const path = convertPath(target);
        if (!path || path.charCodeAt(path.length - 1) !== SLASH_CODE) {
          return this._test(target, this._testCache, path);
        }
        const dir = this._t(path, this._testCache);
        if (dir.ignored) {
          return dir;
        }
        const literal = this._rules.testLiteral(path);
        return literal.ignored || literal.unignored ? literal : dir;
      }
      _t(path, cache) {
        if (path in cache) {
          return cache[path];
        }
        const parentPath = parentOf(path);
        const parent = parentPath ? this._t(parentPath, cache) : UNDEFINED;
        return cache[path] = parent && parent.ignored ? parent : this._rules.test(path, MODE_IGNORE);
      }
      ignores(path) {
        return this._test(path, this._ignoreCache, convertPath(path)).ignored;
      }
      createFilter() {
        return (path) => !this.ignores(path);
      }
      filter(paths) {
        return makeArray(paths).filter(this.createFilter());
      }
      // @returns {TestResult}
      test(path) {
        return this._test(path, this._testCache, convertPath(path));
      }
    };
    var factory = (options) => new Ignore(options);
    var isPathValid = (path) => checkPath(convertPath(path), path, RETURN_FALSE);
    var setupWindows = () => {
      const makePosix = (str2) => /^\\\\\?\\/.test(str2) || /["<>|\u0000-\u001F]+/u.test(str2) ? str2 : str2.replace(/\\/g, "/");
      checkPath.convert = makePosix;
      const REGEX_TEST_WINDOWS_PATH_ABSOLUTE = /^[a-z]:\//i;
      checkPath.isNotRelative = (path) => REGEX_TEST_WINDOWS_PATH_ABSOLUTE.test(path) || isNotRelative(path);
    };
    if (
      // Detect `process` so that it can run in browsers.
      typeof process !== "undefined" && process.platform === "win32"
    ) {
      setupWindows();
    }
    module2.exports = factory;
    factory.default = factory;
    module2.exports.isPathValid = isPathValid;
    define(module2.exports, /* @__PURE__ */ Symbol.for("setupWindows"), setupWindows);
  }
});

// src/cli-run.ts
import { existsSync as existsSync2, writeFileSync } from "node:fs";
import { join as join5, resolve } from "node:path";
import { parseArgs } from "node:util";

// src/config/config.ts
var import_yaml = __toESM(require_dist(), 1);
import { readFileSync } from "node:fs";

// src/findings.ts
var SEVERITIES = ["critical", "high", "medium", "low"];
function severityRank(s) {
  return SEVERITIES.length - SEVERITIES.indexOf(s);
}

// src/rules/env-file-committed.ts
var TEMPLATE_SUFFIXES = [".example", ".sample", ".template", ".dist", ".tmpl", ".tpl", ".defaults", ".default"];
function secretsFileReason(path, text) {
  const name2 = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  if (TEMPLATE_SUFFIXES.some((s) => name2.endsWith(s)) || name2.includes("example") || name2.includes("sample") || name2.includes("template")) return void 0;
  if (name2 === ".env" || name2.startsWith(".env.") || name2.endsWith(".env")) return "an environment file";
  if (name2 === "local_settings.py") return "a local settings module, meant to stay on one machine";
  if (name2 === "secrets.json" || name2 === "secrets.yaml" || name2 === "secrets.yml" || name2 === "credentials.json" || name2 === "service-account.json") return "a secrets file";
  if (["id_rsa", "id_dsa", "id_ecdsa", "id_ed25519"].includes(name2)) return "an SSH private key";
  if (/\.(pem|key|p12|pfx|jks|keystore)$/.test(name2)) {
    if (name2.endsWith(".pem") || name2.endsWith(".key")) return (typeof text === "string" ? text : text()).includes("PRIVATE KEY") ? "a private key file" : void 0;
    return "a key store";
  }
  return void 0;
}
var envFileCommitted = {
  meta: {
    id: "env-file-committed",
    severity: "high",
    title: "A secrets file is added to the repository",
    django: [],
    docs: {
      what: "Finds files that hold secrets by their nature added to the repository: `.env`, `.env.production`, `local_settings.py`, `secrets.json`, private keys (`*.pem` with a private key, `id_rsa`, key stores). Templates such as `.env.example` or `.env.sample` are fine.",
      why: "These files exist to keep credentials out of the code; committed, every value in them is exposed to anyone with access to the repository and stays in its history.",
      bad: "git add .env.production",
      fix: "# .gitignore\n.env\n.env.*\n!.env.example"
    }
  },
  checkFile(ctx) {
    const { path, added, fileClass } = ctx;
    if (!added) return [];
    const reason = secretsFileReason(path, () => ctx.text);
    if (!reason) return [];
    return [
      {
        subject: "file",
        loc: { path, line: 1, endLine: 1 },
        message: `${path} is ${reason} and is committed: its values are readable by everyone with access to the repository and stay in its history.${fileClass.kind === "production" ? "" : ` It is reported at low severity because ${fileClass.why}.`}`,
        severity: fileClass.kind === "production" ? void 0 : "low",
        fix: { description: `Remove it from git (\`git rm --cached ${path}\`), add it to .gitignore, commit a template without values instead, and rotate what it held.` }
      }
    ];
  }
};

// src/python/values.ts
var NONE = { kind: "none" };
var TRUE = { kind: "bool", value: true };
var FALSE = { kind: "bool", value: false };
var str = (value) => ({ kind: "str", value });
var int = (value) => ({ kind: "int", value });
var bool = (value) => value ? TRUE : FALSE;
var unknown = (why) => ({ kind: "unknown", why });
var fails = (why) => ({ kind: "fails", why });
var list = (values, type = "list") => ({
  kind: "seq",
  type,
  items: values.map((value) => ({ value })),
  open: false
});
var MAX_OPTIONS = 8;
function oneOf(options, why) {
  const flat = [];
  for (const o2 of options) for (const v2 of o2.kind === "oneOf" ? o2.options : [o2]) if (!flat.some((f3) => equal(f3, v2))) flat.push(v2);
  if (flat.length === 1) return flat[0];
  if (flat.length > MAX_OPTIONS) return unknown(why);
  const failing2 = flat.find((v2) => v2.kind === "unknown");
  if (failing2) return failing2;
  return { kind: "oneOf", options: flat, why };
}
function mapOptions(v2, f3) {
  if (v2.kind === "fails") return v2;
  if (v2.kind !== "oneOf") return f3(v2);
  return oneOf(v2.options.map(f3), v2.why);
}
function truthy(v2) {
  switch (v2.kind) {
    case "none":
      return false;
    case "bool":
      return v2.value;
    case "int":
    case "float":
      return v2.value !== 0;
    case "str":
      return v2.value.length > 0;
    case "seq":
      return v2.items.length > 0 ? true : v2.open ? void 0 : false;
    case "dict":
      return v2.entries.length > 0 ? true : v2.open ? void 0 : false;
    case "oneOf": {
      const all = v2.options.map(truthy);
      return all.every((x3) => x3 === all[0]) ? all[0] : void 0;
    }
    case "module":
    case "envReader":
      return true;
    default:
      return void 0;
  }
}
function equal(a, b3) {
  const na = numeric(a);
  const nb = numeric(b3);
  if (na !== void 0 && nb !== void 0) return na === nb;
  if (a.kind !== b3.kind) return false;
  switch (a.kind) {
    case "none":
      return true;
    case "str":
      return a.value === b3.value;
    case "seq": {
      const o2 = b3;
      return a.type === o2.type && a.open === o2.open && a.items.length === o2.items.length && a.items.every((x3, i2) => equal(x3.value, o2.items[i2].value));
    }
    case "dict": {
      const o2 = b3;
      return a.open === o2.open && a.entries.length === o2.entries.length && a.entries.every((e, i2) => e.key === o2.entries[i2].key && equal(e.value, o2.entries[i2].value));
    }
    case "oneOf": {
      const o2 = b3;
      return a.options.length === o2.options.length && a.options.every((x3) => o2.options.some((y2) => equal(x3, y2)));
    }
    case "ext":
      return a.qname === b3.qname;
    case "unknown":
    case "fails":
      return a.why === b3.why;
    case "module":
      return a.path === b3.path;
    case "absent":
      return true;
    default:
      return false;
  }
}
function numeric(v2) {
  if (v2.kind === "bool") return v2.value ? 1 : 0;
  if (v2.kind === "int" || v2.kind === "float") return v2.value;
  return void 0;
}
function show(v2, max = 80) {
  const text = render(v2);
  return text.length > max ? text.slice(0, max - 1) + "\u2026" : text;
}
function render(v2) {
  switch (v2.kind) {
    case "none":
      return "None";
    case "bool":
      return v2.value ? "True" : "False";
    case "int":
      return String(v2.value);
    case "float":
      return Number.isInteger(v2.value) ? v2.value.toFixed(1) : String(v2.value);
    case "str":
      return pyRepr(v2.value);
    case "seq": {
      const inner = v2.items.map((i2) => render(i2.value));
      if (v2.open) inner.push("\u2026");
      if (v2.type === "tuple") return `(${inner.join(", ")}${inner.length === 1 ? "," : ""})`;
      if (v2.type === "set") return inner.length ? `{${inner.join(", ")}}` : "set()";
      return `[${inner.join(", ")}]`;
    }
    case "dict": {
      const inner = v2.entries.map((e) => `${pyRepr(e.key)}: ${render(e.value)}`);
      if (v2.open) inner.push("\u2026");
      return `{${inner.join(", ")}}`;
    }
    case "oneOf":
      return v2.options.map(render).join(" or ");
    case "unknown":
      return "<unknown>";
    case "fails":
      return "<error>";
    case "ext":
      return v2.qname;
    case "envReader":
      return "environ.Env(...)";
    case "module":
      return `<module ${v2.path}>`;
    case "absent":
      return "<not set>";
  }
}
function pyRepr(s) {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out2 = "";
  for (const ch of s) {
    if (ch === "\\") out2 += "\\\\";
    else if (ch === quote) out2 += "\\" + ch;
    else if (ch === "\n") out2 += "\\n";
    else if (ch === "	") out2 += "\\t";
    else if (ch === "\r") out2 += "\\r";
    else out2 += ch;
  }
  return quote + out2 + quote;
}
function containsString(v2, s) {
  if (v2.kind === "oneOf") {
    const all = v2.options.map((o2) => containsString(o2, s));
    return all.every((x3) => x3 === all[0]) ? all[0] : void 0;
  }
  if (v2.kind !== "seq") return void 0;
  let unsure = v2.open;
  for (const i2 of v2.items) {
    if (i2.value.kind === "str") {
      if (i2.value.value === s) return true;
    } else unsure = true;
  }
  return unsure ? void 0 : false;
}

// src/rules/helpers.ts
function judge(setting, isBad) {
  const v2 = setting.value;
  const options = v2.kind === "oneOf" ? v2.options : [v2];
  const results = options.map((o2) => o2.kind === "fails" || o2.kind === "unknown" ? void 0 : isBad(o2));
  const badIndex = results.findIndex((r2) => r2 === true);
  if (badIndex < 0) return { verdict: "none" };
  const value = options[badIndex];
  const binding = setting.binding?.alternatives?.find((b3) => optionMatches(b3.value, value)) ?? setting.binding;
  return { verdict: results.every((r2) => r2 === true) ? "certain" : "possible", value, binding };
}
function optionMatches(v2, target) {
  return show(v2, 400) === show(target, 400);
}
function trueButNotTrue(v2) {
  return truthy(v2) === true && v2.kind !== "bool";
}
function notBooleanMessage(name2, v2, djangoCheck, from) {
  const trap = v2.kind === "str" ? ', and as a string it cannot be switched off ("False" is true as well)' : "";
  return `${name2} is ${show(v2)}, not the boolean True: Django applies it because the value is true, but its deploy check (${djangoCheck}) accepts only True${trap} (${from}).`;
}
function locOf(setting, view, binding = setting.binding) {
  return binding?.loc ?? view.moduleLoc();
}
function rel(loc) {
  return `${loc.path}:${loc.line}`;
}
function origin(setting, view, binding = setting.binding) {
  if (setting.isDefault || !binding) return `${setting.name} is not set in ${view.path} or the modules it imports, so Django's default applies`;
  const read = binding.env.find((r2) => r2.defaultText !== void 0);
  const where = binding.loc.path === view.path ? `at line ${binding.loc.line}` : `in ${rel(binding.loc)}, imported by ${view.path}`;
  if (read) return `it is read from the environment ${where} (\`${binding.text.trim()}\`); a server with ${read.name} unset gets ${read.defaultText}`;
  return `it is ${binding.history.length > 1 ? "changed" : "set"} ${where}`;
}
function findItem(v2, s) {
  if (v2.kind !== "seq") return void 0;
  return v2.items.find((i2) => i2.value.kind === "str" && i2.value.value === s);
}
function hasEntry(setting, s) {
  return containsString(setting.value, s);
}
function literalFix(setting, pythonValue) {
  const b3 = setting.binding;
  if (!b3 || b3.env.length || b3.history.length !== 1 || b3.loc.line !== b3.loc.endLine || b3.alternatives) return void 0;
  const m2 = /^(\s*)([A-Z_][A-Z0-9_]*)\s*=\s*([^#]*?)\s*(#.*)?$/.exec(b3.text);
  if (!m2 || m2[2] !== setting.name) return void 0;
  return `${m2[1]}${setting.name} = ${pythonValue}${m2[4] ? `  ${m2[4]}` : ""}`;
}
function mask(secret) {
  if (secret.length <= 6) return "*".repeat(Math.max(4, secret.length));
  return `${secret.slice(0, 2)}****${secret.slice(-2)}`;
}

// src/secrets/classify.ts
var NOT_SECRET_SUFFIXES = ["_FILE", "_PATH", "_URL", "_URI", "_NAME", "_HEADER", "_FIELD", "_LENGTH", "_AGE", "_EXPIRY", "_EXPIRES", "_EXPIRATION", "_LIFETIME", "_TTL", "_ENV", "_VAR", "_TYPE", "_BACKEND", "_CLASS", "_CLASSES", "_VALIDATORS", "_HASHERS", "_REGEX", "_PATTERN", "_ALGORITHM", "_PREFIX", "_TIMEOUT", "_SIZE", "_COUNT", "_POLICY", "_ID", "_KEY_ID", "_MODE", "_ENABLED", "_REQUIRED", "_ROTATION", "_FORMAT", "_LOCATION", "_DIR", "_CHANGE", "_RESET", "_MIN", "_MAX", "_HASH", "_CHECKSUM", "_ENDPOINT", "_SECONDS", "_MINUTES", "_HOURS", "_DAYS", "_REGION", "_VERSION"];
function snake(rawKey) {
  let out2 = "";
  for (let i2 = 0; i2 < rawKey.length && i2 < 128; i2++) {
    const c3 = rawKey[i2];
    const prev = rawKey[i2 - 1];
    if (c3 >= "A" && c3 <= "Z" && prev !== void 0 && (prev >= "a" && prev <= "z" || prev >= "0" && prev <= "9")) out2 += "_";
    out2 += c3 === "-" || c3 === "." || c3 === " " || c3 === "	" || c3 === ":" ? "_" : c3;
  }
  return out2.toUpperCase();
}
var SECRET_WORDS = /pass|pwd|masterauth|key|salt|secret|token|bearer/i;
function namedKind(rawKey) {
  if (rawKey.length > 128 || !SECRET_WORDS.test(rawKey)) return void 0;
  const dot = rawKey.lastIndexOf(".");
  if (dot > 0 && dot < rawKey.length - 1) {
    const last = kindOfSnake(snake(rawKey.slice(dot + 1)));
    if (last) return last;
  }
  return kindOfSnake(snake(rawKey));
}
function kindOfSnake(key) {
  if (NOT_SECRET_SUFFIXES.some((s) => key.endsWith(s)) || key.startsWith("HASHED_") || key.startsWith("HASH_")) return void 0;
  if (/(^|_)(PUBLIC|PUBLISHABLE|SITE)_/.test(key) || /(^|_)SEARCH(_ONLY)?(_API)?_KEY$/.test(key)) return void 0;
  if (key === "SECRET_KEY" || key === "SECRET_KEY_FALLBACKS" || key.endsWith("_SECRET_KEY") && key.startsWith("DJANGO")) return "django-secret-key";
  if (/(^|_)(PASSWORD|PASSWD|PWD|PASS|PASSPHRASE|REQUIREPASS|MASTERAUTH)$/.test(key) || key.includes("PASSWORD")) return key.includes("PASSWORD_") && !key.endsWith("PASSWORD") ? void 0 : "password";
  if (/(SIGNING|PRIVATE|ENCRYPTION|HMAC|FERNET)_KEYS?$/.test(key) || key.endsWith("SALT")) return "signing-key";
  if (/(^|_)(API_?KEY|ACCESS_KEY|APP_KEY|MASTER_KEY|LICENSE_KEY|AUTH_KEY|CLIENT_KEY|ACCOUNT_KEY|SHARED_ACCESS_KEY)$/.test(key) || key.endsWith("APIKEY")) return "api-key";
  if (key.includes("SECRET")) return "secret";
  if (/(^|_)(TOKEN|BEARER)$/.test(key)) return "token";
  return void 0;
}
var PLACEHOLDER_WORDS = ["changeme", "change_me", "change-me", "changethis", "replaceme", "replace_me", "replace-me", "placeholder", "example", "sample", "dummy", "fake", "notsecret", "not-secret", "not_secret", "not-a-secret", "not_a_secret", "insecure", "your_", "your-", "yourpassword", "yoursecret", "xxxx", "****", "...", "redacted", "todo", "fixme", "secret_here", "key_here", "password_here", "mysecret", "mypassword", "supersecret", "lorem", "development-only", "dev-only", "test-only", "testing-only", "tests-only", "local-only", "not-for-prod", "for-testing", "generate", "\u2026"];
var PLACEHOLDER_VALUES = /* @__PURE__ */ new Set(["password", "passwd", "secret", "token", "test", "testing", "dev", "development", "local", "admin", "root", "postgres", "mysql", "django", "user", "guest", "default", "none", "null", "nil", "true", "false", "yes", "no", "empty", "pass", "qwerty", "123456", "12345678", "letmein", "abc123", "secretkey", "secret_key", "apikey", "api_key", "key", "value", "string", "str", "foo", "bar", "foobar", "baz", "hunter2", "~", "...", "%s", "%d", "?"]);
var KNOWN_EXAMPLES = ["AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "sk_test_4eC39HqLyjWDarjtT1zdp7dc", "sk_test_BQokikJOvBiI2HlWgH4olfQ2", "rk_test_4eC39HqLyjWDarjtT1zdp7dc", "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b", "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"];
function isKnownExample(value) {
  return KNOWN_EXAMPLES.some((e) => value.includes(e));
}
var isIdentStart = (c3) => c3 >= "a" && c3 <= "z" || c3 >= "A" && c3 <= "Z" || c3 === "_";
var isIdentChar = (c3) => isIdentStart(c3) || c3 >= "0" && c3 <= "9";
function isDottedIdentifier(v2, minDots) {
  let dots = 0;
  let start2 = true;
  for (let i2 = 0; i2 < v2.length; i2++) {
    const c3 = v2[i2];
    if (start2) {
      if (!isIdentStart(c3)) return false;
      start2 = false;
    } else if (c3 === ".") {
      dots++;
      start2 = true;
    } else if (!isIdentChar(c3)) return false;
  }
  return !start2 && dots >= minDots;
}
function isReference(v2) {
  if (v2.includes("${") || v2.includes("{{") || v2.startsWith("$(") || v2.startsWith("`")) return true;
  if (v2[0] === "$" && v2.length > 1 && isDottedIdentifier(v2.slice(1), 0)) return true;
  for (let i2 = v2.indexOf("{"); i2 >= 0 && i2 < v2.length; i2 = v2.indexOf("{", i2 + 1)) {
    const close = v2.indexOf("}", i2);
    if (close < 0) break;
    if (close - i2 <= 64 && isDottedIdentifier(v2.slice(i2 + 1, close), 0)) return true;
  }
  if (/%\([A-Za-z_]\w{0,63}\)[sdr]/.test(v2)) return true;
  if (/^%[A-Za-z_]{1,64}%$/.test(v2) || /^@[A-Za-z_]{1,64}@$/.test(v2)) return true;
  return false;
}
function isPath(v2) {
  if (!(v2.startsWith("/") || v2.startsWith("./") || v2.startsWith("~/") || v2.startsWith("../"))) return false;
  const segments = v2.split("/");
  if (segments.length < 3 && !v2.includes(".")) return false;
  for (const s of segments) {
    if (s.length > 64) return false;
    for (const c3 of s) if (!(isIdentChar(c3) || c3 === "." || c3 === "-" || c3 === "~")) return false;
    if (s.length >= 16 && /[a-z]/.test(s) && /[A-Z]/.test(s) && /\d/.test(s)) return false;
  }
  return true;
}
function isEncrypted(v2) {
  return v2.startsWith("ENC[") || v2.startsWith("$ANSIBLE_VAULT") || v2.startsWith("!vault") || v2.startsWith("vault:") || v2.startsWith("AQICAH");
}
function isPasswordHash(v2) {
  if (/^(pbkdf2_sha256|pbkdf2_sha1|argon2|bcrypt_sha256|bcrypt|scrypt|sha1|md5|unsalted_md5|unsalted_sha1|crypt)\$\$?[^\s$]{1,64}\$/.test(v2)) return true;
  if (/^\$(2[abxy]?|argon2(id|i|d)|5|6|1|apr1|y|7)\$/.test(v2)) return true;
  if (/^\{(SSHA|SHA|SSHA256|SSHA512|MD5|CRYPT|PBKDF2[-A-Z0-9]{0,12})\}/i.test(v2)) return true;
  return v2.length === 41 && v2[0] === "!" && /^![A-Za-z0-9]{40}$/.test(v2);
}
var DUMMY_WORDS = new Set(
  "pass password passwd passphrase pwd secret secrets key keys token tokens api apikey access auth bearer test tests testing tester demo sample example dummy fake mock mocked stub default dev devel development local localhost prod production staging stage admin administrator root user username users guest django postgres postgresql mysql redis rabbit db database my your our the a an some very super really not so for only here there change changeme me this that it set insert replace put wrong bad invalid incorrect correct good right valid new old other another foo bar baz qux abc xyz qwerty letmein welcome hello world jwt client app application bot service web site signing encryption salt hash webhook session cookie csrf no none null empty blank temp tmp placeholder value string text random long short strong weak simple pw sk pk id private public build only ci in with of to use do please".split(" ")
);
var MAX_DUMMY_WORD = 14;
var LEET = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", $: "s" };
function isDummy(value) {
  if (value.length > 64) return false;
  let s = value.toLowerCase();
  let a = 0;
  let b3 = s.length;
  while (a < b3 && !/[a-z@$]/.test(s[a])) a++;
  while (b3 > a && !/[a-z]/.test(s[b3 - 1])) b3--;
  s = s.slice(a, b3);
  let letters = "";
  for (const c3 of s) {
    if (c3 >= "a" && c3 <= "z") letters += c3;
    else if (LEET[c3]) letters += LEET[c3];
  }
  if (letters.length < 2) return false;
  const reach = new Array(letters.length + 1).fill(false);
  reach[0] = true;
  for (let i2 = 0; i2 < letters.length; i2++) {
    if (!reach[i2]) continue;
    for (let n = 1; n <= MAX_DUMMY_WORD && i2 + n <= letters.length; n++) if (DUMMY_WORDS.has(letters.slice(i2, i2 + n))) reach[i2 + n] = true;
  }
  return reach[letters.length];
}
function isProse(value) {
  const words = value.trim().split(/\s+/);
  if (words.length < 2) return false;
  if (words.length === 4 && words.every((w2) => /^[a-z]{4}$/.test(w2))) return false;
  return words.every((w2) => w2.length <= 64 && new RegExp(`^[\xBF\xA1("'\xAB]?\\p{L}[\\p{L}'\u2019-]{0,63}[.,:;!?)"\xBB]{0,3}$`, "u").test(w2));
}
function isPlaceholder(value) {
  const v2 = value.trim();
  if (v2.length === 0) return true;
  const lower2 = v2.toLowerCase();
  if (PLACEHOLDER_VALUES.has(lower2)) return true;
  if (PLACEHOLDER_WORDS.some((w2) => lower2.includes(w2))) return true;
  if (v2.startsWith("<") && v2.endsWith(">")) return true;
  if (isReference(v2) || isEncrypted(v2)) return true;
  if (lower2.startsWith("os.environ") || lower2.startsWith("env(") || lower2.startsWith("ref+") || lower2.startsWith("arn:aws:") || lower2.startsWith("projects/") || lower2.startsWith("secretsmanager:")) return true;
  if (isPath(v2)) return true;
  if (/^https?:\/\/[^@\s]{0,2048}$/.test(v2)) return true;
  if (new Set(v2).size <= 2) return true;
  if (isSequential(lower2)) return true;
  return false;
}
function isSequential(s) {
  if (s.length < 4) return false;
  let runs = 1;
  let run2 = 1;
  for (let i2 = 1; i2 < s.length; i2++) {
    if (s.charCodeAt(i2) - s.charCodeAt(i2 - 1) === 1) run2++;
    else {
      if (run2 < 4) return false;
      runs++;
      run2 = 1;
    }
  }
  return run2 >= 4 && runs <= 2;
}
function entropy(s) {
  const counts = /* @__PURE__ */ new Map();
  for (const c3 of s) counts.set(c3, (counts.get(c3) ?? 0) + 1);
  let h3 = 0;
  for (const n of counts.values()) {
    const p2 = n / s.length;
    h3 -= p2 * Math.log2(p2);
  }
  return h3;
}
function isUpperSnake(v2) {
  if (v2.length > 64 || !(v2[0] >= "A" && v2[0] <= "Z") || !v2.includes("_") || v2.endsWith("_") || v2.includes("__")) return false;
  for (const c3 of v2) if (!(c3 >= "A" && c3 <= "Z" || c3 >= "0" && c3 <= "9" || c3 === "_")) return false;
  return true;
}
function isWords(v2) {
  if (v2.length >= 32 || /\d/.test(v2)) return false;
  const parts2 = v2.split(/[-_. ]/);
  return parts2.every((p2) => p2 === "" || /^[A-Za-z][a-z]{0,30}$/.test(p2) || /^[A-Z]{1,30}$/.test(p2));
}
var squash = (s) => s.toLowerCase().replace(/[^a-z0-9]/g, "");
function looksLikeCredential(kind, value, options = {}) {
  const v2 = value.trim();
  if (v2.includes("-----BEGIN ")) return false;
  if (v2.length > 4096 || isPlaceholder(v2) || isKnownExample(v2) || isPasswordHash(v2) || isProse(v2) || isDummy(v2)) return false;
  if (options.key) {
    const k2 = squash(options.key);
    if (k2.length >= 6 && squash(v2).includes(k2)) return false;
  }
  if (isUpperSnake(v2) || isDottedIdentifier(v2, 2)) return false;
  if (!options.quoted && (isDottedIdentifier(v2, 1) || /^[A-Za-z_][\w.]{0,100}\([^()]{0,200}\)$/.test(v2))) return false;
  if (kind === "password") return v2.length >= 6;
  if (isWords(v2)) return false;
  if (kind === "django-secret-key") return v2.length >= 8;
  return v2.length >= 12 && entropy(v2) >= 3;
}

// src/secrets/formats.ts
var FORMATS = [
  { kind: "aws-access-key-id", label: "AWS access key id", prefixes: ["AKIA", "ASIA", "ABIA", "ACCA"], re: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g },
  { kind: "github-token", label: "GitHub token", prefixes: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"], re: /\bgh[pousr]_[A-Za-z0-9]{36,255}\b/g },
  { kind: "github-token", label: "GitHub fine-grained token", prefixes: ["github_pat_"], re: /\bgithub_pat_[A-Za-z0-9_]{60,255}\b/g },
  { kind: "stripe-key", label: "Stripe secret key", prefixes: ["sk_live_", "rk_live_", "sk_test_", "rk_test_"], re: /\b[rs]k_(?:live|test)_[A-Za-z0-9]{16,247}\b/g, lowSeverity: (v2) => v2.includes("_test_") },
  { kind: "slack-token", label: "Slack token", prefixes: ["xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxe-", "xapp-"], re: /\b(?:xox[bpares]|xapp)-[A-Za-z0-9-]{10,250}/g },
  { kind: "slack-webhook", label: "Slack webhook URL", prefixes: ["hooks.slack.com/"], re: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/]{20,200}/g },
  { kind: "sendgrid-key", label: "SendGrid API key", prefixes: ["SG."], re: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/g },
  { kind: "google-api-key", label: "Google API key", prefixes: ["AIza"], re: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { kind: "openai-api-key", label: "OpenAI API key", prefixes: ["sk-proj-", "sk-svcacct-", "sk-admin-", "T3BlbkFJ"], re: /\bsk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,300}|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})\b/g },
  { kind: "anthropic-api-key", label: "Anthropic API key", prefixes: ["sk-ant-"], re: /\bsk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{80,120}\b/g },
  { kind: "django-secret-key", label: "Django secret key", prefixes: ["django-insecure-"], re: /django-insecure-[^\s'"`,;\\]{20,200}/g }
  // the whole token: hand-edited keys stray from Django's alphabet
];
var PRIVATE_KEY = { kind: "private-key", label: "private key", prefixes: ["PRIVATE KEY"], re: /-----BEGIN (?:RSA |DSA |EC |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----/g };
var JWT = { kind: "jwt", label: "JSON Web Token", prefixes: ["eyJ"], re: /eyJ/g };
var URL_CREDENTIALS = { kind: "url-credentials", label: "password in a URL", prefixes: ["://"], re: /:\/\//g };
var isB64url = (c3) => c3 >= 48 && c3 <= 57 || c3 >= 65 && c3 <= 90 || c3 >= 97 && c3 <= 122 || c3 === 45 || c3 === 95;
var isB64 = (c3) => c3 >= 48 && c3 <= 57 || c3 >= 65 && c3 <= 90 || c3 >= 97 && c3 <= 122 || c3 === 43 || c3 === 47 || c3 === 61;
function jwtMatches(line2, out2) {
  let from = 0;
  for (; ; ) {
    const start2 = line2.indexOf("eyJ", from);
    if (start2 < 0) return;
    const seg = (i2) => {
      let j3 = i2;
      while (j3 < line2.length && isB64url(line2.charCodeAt(j3))) j3++;
      return j3;
    };
    const a = seg(start2);
    let end = a;
    if (a - start2 >= 10 && line2[a] === "." && line2.startsWith("eyJ", a + 1)) {
      const b3 = seg(a + 1);
      if (b3 - a - 1 >= 10 && line2[b3] === ".") {
        const c3 = seg(b3 + 1);
        if (c3 - b3 - 1 >= 16) {
          out2.push({ format: JWT, value: line2.slice(start2, c3), column: start2 });
          end = c3;
        }
      }
    }
    from = Math.max(end, start2 + 3);
  }
}
var isSchemeChar = (c3) => c3 >= "a" && c3 <= "z" || c3 >= "A" && c3 <= "Z" || c3 >= "0" && c3 <= "9" || c3 === "+" || c3 === "." || c3 === "-";
var URL_STOP = /* @__PURE__ */ new Set([" ", "	", "/", "@", '"', "'", "`", "?", "#", "<", ">", "\\"]);
function urlMatches(line2, out2) {
  for (let at2 = line2.indexOf("://"); at2 >= 0; at2 = line2.indexOf("://", at2 + 3)) {
    let s = at2 - 1;
    while (s >= 0 && at2 - s <= 21 && isSchemeChar(line2[s])) s--;
    const schemeStart = s + 1;
    const first = line2[schemeStart];
    if (at2 - schemeStart < 2 || at2 - schemeStart > 20 || !(first >= "a" && first <= "z" || first >= "A" && first <= "Z")) continue;
    if (s >= 0 && isSchemeChar(line2[s])) continue;
    let i2 = at2 + 3;
    const userStart = i2;
    while (i2 < line2.length && i2 - userStart <= 128 && line2[i2] !== ":" && !URL_STOP.has(line2[i2])) i2++;
    if (line2[i2] !== ":") continue;
    const user = line2.slice(userStart, i2);
    const pwStart = ++i2;
    while (i2 < line2.length && i2 - pwStart <= 256 && !URL_STOP.has(line2[i2])) i2++;
    if (line2[i2] !== "@" || i2 === pwStart) continue;
    const host = line2[i2 + 1] ?? "";
    if (!(host >= "a" && host <= "z" || host >= "A" && host <= "Z" || host >= "0" && host <= "9" || host === "[" || host === "." || host === "-")) continue;
    out2.push({ format: URL_CREDENTIALS, value: line2.slice(pwStart, i2), column: pwStart, user });
  }
}
var ARMOR_HEADERS = ["Proc-Type:", "DEK-Info:", "Version:", "Comment:", "Hash:", "Charset:"];
function startsWithBase64(text) {
  let i2 = 0;
  while (i2 < text.length && (text[i2] === " " || text[i2] === "	" || text[i2] === '"' || text[i2] === "'")) i2++;
  let n = 0;
  while (i2 + n < text.length && n < 20 && isB64(text.charCodeAt(i2 + n))) n++;
  return n >= 20;
}
function privateKeyMatches(line2, following, out2) {
  PRIVATE_KEY.re.lastIndex = 0;
  for (const m2 of line2.matchAll(PRIVATE_KEY.re)) {
    const end = (m2.index ?? 0) + m2[0].length;
    let i2 = end;
    while (i2 < line2.length && (line2[i2] === " " || line2[i2] === "	" || line2[i2] === '"' || line2[i2] === "'" || line2[i2] === "," || line2[i2] === "\\" && line2[i2 + 1] !== "n" && line2[i2 + 1] !== "r")) i2++;
    let body2;
    let distinct;
    if (i2 >= line2.length) {
      body2 = true;
      for (let n = 0; following && n < 4; n++) {
        const next = following(n);
        if (next === void 0) break;
        const t2 = next.trim();
        if (t2 === "" || ARMOR_HEADERS.some((h3) => t2.startsWith(h3))) continue;
        body2 = startsWithBase64(t2);
        distinct = t2.slice(0, 64);
        break;
      }
    } else {
      let rest = line2.slice(i2, i2 + 400);
      for (let guard = 0; guard < 8; guard++) {
        if (rest.startsWith("\\n") || rest.startsWith("\\r")) rest = rest.slice(2);
        else {
          const h3 = ARMOR_HEADERS.find((x3) => rest.startsWith(x3));
          if (!h3) break;
          const nl = rest.indexOf("\\n");
          rest = nl < 0 ? "" : rest.slice(nl);
        }
      }
      body2 = rest !== line2.slice(i2, i2 + 400) && startsWithBase64(rest);
      distinct = rest.slice(0, 64);
    }
    if (body2) out2.push({ format: PRIVATE_KEY, value: m2[0], column: m2.index ?? 0, distinct });
  }
}
var ANY_PREFIX = new RegExp(FORMATS.flatMap((f3) => f3.prefixes).map((p2) => p2.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join("|"));
function formatMatches(line2, following) {
  const out2 = [];
  if (line2.includes("eyJ")) jwtMatches(line2, out2);
  if (line2.includes("://")) urlMatches(line2, out2);
  if (line2.includes("PRIVATE KEY")) privateKeyMatches(line2, following, out2);
  if (ANY_PREFIX.test(line2)) findFormats(line2, out2);
  if (!out2.length) return out2;
  const byValue = /* @__PURE__ */ new Map();
  for (const m2 of out2) {
    const had = byValue.get(m2.value);
    if (!had || had.format === URL_CREDENTIALS && m2.format !== URL_CREDENTIALS) byValue.set(m2.value, m2);
  }
  return [...byValue.values()].sort((a, b3) => a.column - b3.column);
}
function findFormats(line2, out2) {
  for (const format of FORMATS) {
    if (!format.prefixes.some((p2) => line2.includes(p2))) continue;
    format.re.lastIndex = 0;
    for (const m2 of line2.matchAll(format.re)) out2.push({ format, value: m2[0], column: m2.index ?? 0 });
  }
}

// src/secrets/pairs.ts
var isKeyChar = (c3) => c3 !== void 0 && (c3 >= "a" && c3 <= "z" || c3 >= "A" && c3 <= "Z" || c3 >= "0" && c3 <= "9" || c3 === "_" || c3 === "-" || c3 === ".");
var isIdentChar2 = (c3) => c3 !== void 0 && (c3 >= "a" && c3 <= "z" || c3 >= "A" && c3 <= "Z" || c3 >= "0" && c3 <= "9" || c3 === "_");
var isSpace = (c3) => c3 === " " || c3 === "	";
var MAX_KEY = 64;
var MAX_VALUE = 4096;
function quotedStrings(line2) {
  const out2 = [];
  let i2 = 0;
  while (i2 < line2.length) {
    const c3 = line2[i2];
    if (c3 === '"' || c3 === "'" || c3 === "`") {
      const triple = line2[i2 + 1] === c3 && line2[i2 + 2] === c3;
      const open = triple ? 3 : 1;
      let j3 = i2 + open;
      let escaped = false;
      while (j3 < line2.length && !(line2[j3] === c3 && (!triple || line2[j3 + 1] === c3 && line2[j3 + 2] === c3))) {
        if (line2[j3] === "\\" && j3 + 1 < line2.length) {
          escaped = true;
          j3 += 2;
          continue;
        }
        j3++;
      }
      if (j3 >= line2.length) break;
      let value = line2.slice(i2 + open, j3);
      if (escaped) value = value.replace(/\\(.)/g, "$1");
      let tokenStart = i2;
      while (tokenStart > i2 - 2 && tokenStart > 0 && "bBrRfFuU".includes(line2[tokenStart - 1])) tokenStart--;
      if (tokenStart < i2 && isIdentChar2(line2[tokenStart - 1])) tokenStart = i2;
      out2.push({ start: i2, end: j3 + open - 1, value, tokenStart, valueStart: i2 + open, valueEnd: j3 });
      i2 = j3 + open;
      continue;
    }
    i2++;
  }
  return out2;
}
function skipSpaceBack(line2, i2) {
  while (i2 >= 0 && isSpace(line2[i2])) i2--;
  return i2;
}
function skipSpace(line2, i2) {
  while (i2 < line2.length && isSpace(line2[i2])) i2++;
  return i2;
}
function keyBefore(line2, i2, byEnd) {
  i2 = skipSpaceBack(line2, i2);
  if (i2 < 0) return void 0;
  if (line2[i2] === "]") {
    const q4 = byEnd.get(i2 - 1);
    if (!q4 || line2[q4.tokenStart - 1] !== "[") return void 0;
    return { key: q4.value, before: q4.tokenStart - 2, quoted: true };
  }
  const q3 = byEnd.get(i2);
  if (q3) return { key: q3.value, before: q3.tokenStart - 1, quoted: true };
  let j3 = i2;
  while (j3 >= 0 && i2 - j3 < MAX_KEY && isKeyChar(line2[j3])) j3--;
  if (j3 === i2 || isKeyChar(line2[j3])) return void 0;
  return { key: line2.slice(j3 + 1, i2 + 1), before: j3, quoted: false };
}
function assignmentTarget(line2) {
  return assignment(line2)?.name;
}
function assignment(line2) {
  let i2 = skipSpace(line2, 0);
  for (const decl of ["export ", "const ", "let ", "var "]) if (line2.startsWith(decl, i2)) i2 = skipSpace(line2, i2 + decl.length);
  const start2 = i2;
  while (i2 < line2.length && i2 - start2 < MAX_KEY && (isIdentChar2(line2[i2]) || line2[i2] === ".")) i2++;
  if (i2 === start2) return void 0;
  const name2 = line2.slice(start2, i2);
  i2 = skipSpace(line2, i2);
  if (line2[i2] === ":" && line2[i2 + 1] !== "=") {
    i2 = skipSpace(line2, i2 + 1);
    while (i2 < line2.length && i2 - start2 < 2 * MAX_KEY && (isKeyChar(line2[i2]) || line2[i2] === "[" || line2[i2] === "]" || line2[i2] === "|" || line2[i2] === " ")) {
      if (line2[i2] === "=") break;
      i2++;
    }
  }
  return line2[i2] === "=" && line2[i2 + 1] !== "=" ? { name: name2, eq: i2 } : void 0;
}
var AUTH_HEADERS = /* @__PURE__ */ new Set(["authorization", "proxy-authorization", "http_authorization", "proxy_authorization"]);
function authorization(key, value, column, quoted) {
  if (!AUTH_HEADERS.has(key.toLowerCase())) return void 0;
  const sp = value.indexOf(" ");
  if (sp < 0) return void 0;
  const scheme = value.slice(0, sp).toLowerCase();
  const kindHint = scheme === "basic" ? "password" : scheme === "bearer" || scheme === "token" || scheme === "jwt" || scheme === "apikey" ? "token" : void 0;
  if (!kindHint) return void 0;
  let start2 = sp;
  while (value[start2] === " ") start2++;
  let end = start2;
  while (end < value.length && !isSpace(value[end])) end++;
  return { key, value: value.slice(start2, end), column: column + start2, quoted, kindHint };
}
function quotedPairs(line2, quoted, byEnd, out2) {
  const listOpen = /* @__PURE__ */ new Map();
  const listIndex = /* @__PURE__ */ new Map();
  for (let qi = 0; qi < quoted.length; qi++) {
    const q3 = quoted[qi];
    let i2 = skipSpaceBack(line2, q3.tokenStart - 1);
    if (i2 < 0) continue;
    if (line2[i2] === "[" || line2[i2] === "(" && line2[skipSpaceBack(line2, i2 - 1)] === "=") {
      listOpen.set(q3, i2);
      listIndex.set(q3, 0);
    } else if (line2[i2] === ",") {
      const prev = byEnd.get(skipSpaceBack(line2, i2 - 1));
      const open2 = prev && listOpen.get(prev);
      if (prev && open2 !== void 0) {
        listOpen.set(q3, open2);
        listIndex.set(q3, (listIndex.get(prev) ?? 0) + 1);
      }
    }
    const open = listOpen.get(q3);
    if (open !== void 0) i2 = skipSpaceBack(line2, open - 1);
    if (line2[i2] === "r" && line2[i2 - 1] === "o" && isSpace(line2[i2 - 2]) || line2[i2] === "|" && line2[i2 - 1] === "|" || line2[i2] === "?" && line2[i2 - 1] === "?") {
      const target = assignmentTarget(line2);
      if (target) out2.push({ key: target, value: q3.value, column: q3.valueStart, quoted: true });
      continue;
    }
    let op = line2[i2];
    if (op === ">" && line2[i2 - 1] === "=") i2--;
    else if (op === "=" && line2[i2 - 1] === ":") i2--;
    else if (op === "=" && (line2[i2 - 1] === "=" || line2[i2 - 1] === "!" || line2[i2 - 1] === "<" || line2[i2 - 1] === ">")) continue;
    op = line2[i2];
    if (op !== "=" && op !== ":" && op !== ",") continue;
    let k2 = keyBefore(line2, i2 - 1, byEnd);
    if (!k2 && op === "=") {
      const a = assignment(line2);
      if (a && a.eq === i2) k2 = { key: a.name, before: -1, quoted: false };
    }
    if (!k2) continue;
    let key = k2.key;
    if (open !== void 0 && line2[open] === "(" && key === "auth") {
      if (listIndex.get(q3) === 1) out2.push({ key, value: q3.value, column: q3.valueStart, quoted: true, kindHint: "password" });
      continue;
    }
    if (op === ",") {
      const before = skipSpaceBack(line2, k2.before);
      if (k2.quoted && line2[before] === "(") {
      } else if (!k2.quoted && (key === "str" || key === "bytes") && line2[before] === "(") {
        const eq = skipSpaceBack(line2, before - 1);
        if (line2[eq] !== "=") continue;
        const name2 = keyBefore(line2, eq - 1, byEnd);
        if (!name2) continue;
        key = name2.key;
      } else continue;
    } else if (op === ":" && (key === "value" || key === "Value" || key === "default")) {
      const brace = skipSpaceBack(line2, k2.before);
      if (line2[brace] === "{") {
        const colon = skipSpaceBack(line2, brace - 1);
        const outer = line2[colon] === ":" || line2[colon] === "=" ? keyBefore(line2, colon - 1, byEnd) : void 0;
        if (outer) key = outer.key;
      }
    } else if (op === "=" && !k2.quoted) {
      if (key === "default") {
        let found;
        for (let b3 = qi - 1; b3 >= 0 && b3 >= qi - 8; b3--) {
          const cand = quoted[b3];
          if (cand.end < k2.before && line2[skipSpaceBack(line2, cand.tokenStart - 1)] === "(") {
            found = cand.value;
            break;
          }
        }
        found ??= assignmentTarget(line2);
        if (!found) continue;
        key = found;
      } else {
        const colon = skipSpaceBack(line2, k2.before);
        if (line2[colon] === ":") {
          const name2 = keyBefore(line2, colon - 1, byEnd);
          if (name2 && !name2.quoted) key = name2.key;
        }
      }
    }
    const pair2 = { key, value: q3.value, column: q3.valueStart, quoted: true };
    out2.push(authorization(key, q3.value, q3.valueStart, true) ?? pair2);
  }
}
function positionalPasswords(line2, quoted, out2) {
  for (const call2 of [".login(", ".simple_bind_s(", ".simple_bind(", ".bind_s("]) {
    const at2 = line2.indexOf(call2);
    if (at2 < 0) continue;
    const first = quoted.find((x3) => x3.tokenStart === skipSpace(line2, at2 + call2.length));
    if (!first || line2[skipSpace(line2, first.end + 1)] !== ",") continue;
    const second = quoted.find((x3) => x3.tokenStart === skipSpace(line2, skipSpace(line2, first.end + 1) + 1));
    if (second && line2[skipSpace(line2, second.end + 1)] === ")") out2.push({ key: "password", value: second.value, column: second.valueStart, quoted: true });
  }
  for (const call2 of ["set_password(", "setPassword("]) {
    for (let at2 = line2.indexOf(call2); at2 >= 0; at2 = line2.indexOf(call2, at2 + call2.length)) {
      const q3 = quoted.find((x3) => x3.tokenStart === skipSpace(line2, at2 + call2.length));
      if (q3 && line2[skipSpace(line2, q3.end + 1)] === ")") out2.push({ key: "password", value: q3.value, column: q3.valueStart, quoted: true });
    }
  }
  for (const call2 of ["create_superuser(", "create_user("]) {
    const at2 = line2.indexOf(call2);
    if (at2 < 0) continue;
    let i2 = at2 + call2.length;
    const args2 = [];
    for (const q3 of quoted) {
      if (q3.tokenStart < i2) continue;
      if (skipSpace(line2, i2) !== q3.tokenStart) break;
      args2.push(q3);
      i2 = skipSpace(line2, q3.end + 1);
      if (line2[i2] !== ",") break;
      i2++;
    }
    if (args2.length >= 3) out2.push({ key: "password", value: args2[2].value, column: args2[2].valueStart, quoted: true });
  }
}
function headerPair(text, base, out2) {
  let i2 = skipSpace(text, 0);
  const start2 = i2;
  while (i2 < text.length && i2 - start2 <= MAX_KEY && (isIdentChar2(text[i2]) || text[i2] === "-")) i2++;
  if (i2 === start2 || text[i2] !== ":" || !isSpace(text[i2 + 1])) return;
  const name2 = text.slice(start2, i2);
  const vStart = skipSpace(text, i2 + 1);
  let vEnd = text.length;
  while (vEnd > vStart && isSpace(text[vEnd - 1])) vEnd--;
  const value = text.slice(vStart, vEnd);
  if (value[0] === '"' || value[0] === "'") return;
  const auth = authorization(name2, value, base + vStart, false);
  if (auth) out2.push(auth);
  else if (value && !value.includes(" ") && name2.includes("-")) out2.push({ key: name2, value, column: base + vStart, quoted: false });
}
var isCall = (value) => /^[A-Za-z_][\w.]{0,100}\([^()]{0,200}\)$/.test(value);
var INLINE_BOUNDARY = /* @__PURE__ */ new Set([" ", "	", ":", ";", "&", "?", '"', "'", "`", "(", ",", "{", "[", "|"]);
var VALUE_STOP = /* @__PURE__ */ new Set([" ", "	", '"', "'", "`"]);
function inlinePairs(text, base, out2, secretName2) {
  for (let e = text.indexOf("="); e >= 0 && e < text.length; e = text.indexOf("=", e + 1)) {
    const prev = text[e - 1];
    const next = text[e + 1];
    if (prev === "=" || prev === "!" || prev === "<" || prev === ">" || prev === ":" || next === "=" || next === ">" || next === void 0 || VALUE_STOP.has(next)) continue;
    let j3 = e - 1;
    while (j3 >= 0 && e - j3 <= MAX_KEY && isKeyChar(text[j3])) j3--;
    if (j3 === e - 1 || j3 >= 0 && !INLINE_BOUNDARY.has(text[j3])) continue;
    const key = text.slice(j3 + 1, e);
    if (key.length < 3 || !secretName2(key)) continue;
    const sep = text[j3] === "?" || text[j3] === "&" ? "&" : text[j3] === ";" ? ";" : void 0;
    let k2 = e + 1;
    while (k2 < text.length && k2 - e <= MAX_VALUE && !VALUE_STOP.has(text[k2]) && text[k2] !== sep && !(sep === "&" && text[k2] === "#")) k2++;
    let value = text.slice(e + 1, k2);
    if (value.endsWith(",") || value.endsWith(";")) value = value.slice(0, -1);
    if (value && !isCall(value)) out2.push({ key, value, column: base + e + 1, quoted: false });
    e = k2 - 1;
  }
  for (let d2 = text.indexOf("--"); d2 >= 0; d2 = text.indexOf("--", d2 + 2)) {
    if (d2 > 0 && !isSpace(text[d2 - 1])) continue;
    let i2 = d2 + 2;
    while (i2 < text.length && i2 - d2 <= MAX_KEY && isKeyChar(text[i2])) i2++;
    if (!isSpace(text[i2]) || i2 === d2 + 2) continue;
    const key = text.slice(d2 + 2, i2);
    if (!secretName2(key)) continue;
    const vStart = skipSpace(text, i2);
    if (text[vStart] === "-" || text[vStart] === void 0 || VALUE_STOP.has(text[vStart])) continue;
    let k2 = vStart;
    while (k2 < text.length && k2 - vStart <= MAX_VALUE && !VALUE_STOP.has(text[k2])) k2++;
    out2.push({ key, value: text.slice(vStart, k2), column: base + vStart, quoted: false });
    d2 = k2 - 2;
  }
}
function commandPairs(text, out2, secretName2) {
  const word = (i2) => {
    const s = skipSpace(text, i2);
    let e = s;
    while (e < text.length && e - s <= MAX_VALUE && !isSpace(text[e])) e++;
    return [text.slice(s, e).replace(/^['"]|['"]$/g, ""), s + (text[s] === '"' || text[s] === "'" ? 1 : 0)];
  };
  const set = text.indexOf("configure set ");
  if (set >= 0) {
    const [name2, at2] = word(set + "configure set ".length);
    const [value, vAt] = word(at2 + name2.length);
    if (name2 && value && secretName2(name2)) out2.push({ key: name2, value, column: vAt, quoted: false });
  }
  for (const [cmd, flag] of [["sshpass", " -p "], ["redis-cli", " -a "]]) {
    const c3 = text.indexOf(cmd);
    const f3 = c3 >= 0 ? text.indexOf(flag, c3) : -1;
    if (f3 < 0) continue;
    const [value, vAt] = word(f3 + flag.length);
    if (value) out2.push({ key: "password", value, column: vAt, quoted: text[vAt - 1] === "'" || text[vAt - 1] === '"' });
  }
}
function directivePair(line2, secretName2) {
  const s = skipSpace(line2, 0);
  let i2 = s;
  while (i2 < line2.length && i2 - s < MAX_KEY && isIdentChar2(line2[i2])) i2++;
  if (i2 === s || !isSpace(line2[i2])) return void 0;
  const key = line2.slice(s, i2);
  if (!secretName2(key)) return void 0;
  const v2 = skipSpace(line2, i2);
  let e = v2;
  while (e < line2.length && e - v2 <= MAX_VALUE && !isSpace(line2[e])) e++;
  const rest = skipSpace(line2, e);
  if (e === v2 || rest < line2.length && line2[rest] !== "#") return void 0;
  return { key, value: line2.slice(v2, e), column: v2, quoted: false };
}
function barePair(line2) {
  let i2 = skipSpace(line2, 0);
  for (const prefix of ["export ", "ENV ", "ARG ", "set ", "- "]) {
    if (line2.startsWith(prefix, i2)) i2 = skipSpace(line2, i2 + prefix.length);
  }
  const env = /^\s{0,64}ENV\s/.test(line2);
  const keyStart = i2;
  while (i2 < line2.length && i2 - keyStart < MAX_KEY && isKeyChar(line2[i2])) i2++;
  if (i2 === keyStart) return void 0;
  const key = line2.slice(keyStart, i2);
  i2 = skipSpace(line2, i2);
  if (line2[i2] === "=" || line2[i2] === ":") {
    if (line2[i2] === ":" && line2[i2 + 1] === "=") i2++;
    i2 = skipSpace(line2, i2 + 1);
  } else if (!env) return void 0;
  const first = line2[i2];
  if (i2 >= line2.length || first === '"' || first === "'" || first === "|" || first === ">" || first === "{" || first === "[" || first === "&" || first === "*") return void 0;
  const valueStart = i2;
  while (i2 < line2.length && i2 - valueStart <= MAX_VALUE && !isSpace(line2[i2])) i2++;
  let value = line2.slice(valueStart, i2);
  if (value.endsWith(",") || value.endsWith(";")) value = value.slice(0, -1);
  if (isCall(value) || AUTH_HEADERS.has(key.toLowerCase())) return void 0;
  if (/^![A-Za-z]{1,32}$/.test(value)) return void 0;
  return value ? { key, value, column: valueStart, quoted: false } : void 0;
}
function pairsOfLine(line2, code2 = false, secretName2 = () => true) {
  const quoted = quotedStrings(line2);
  const byEnd = /* @__PURE__ */ new Map();
  for (const q3 of quoted) byEnd.set(q3.end, q3);
  const found = [];
  positionalPasswords(line2, quoted, found);
  quotedPairs(line2, quoted, byEnd, found);
  for (const q3 of quoted) {
    if (q3.value.length > 8 && q3.value.length <= MAX_VALUE && q3.valueEnd - q3.valueStart === q3.value.length) {
      headerPair(q3.value, q3.valueStart, found);
      if (code2) inlinePairs(q3.value, q3.valueStart, found, secretName2);
    }
  }
  if (!code2) {
    const bare = barePair(line2) ?? directivePair(line2, secretName2);
    if (bare) found.push(bare);
    headerPair(line2, 0, found);
    inlinePairs(line2, 0, found, secretName2);
    commandPairs(line2, found, secretName2);
  }
  const seen = /* @__PURE__ */ new Set();
  return found.filter((p2) => !seen.has(p2.column) && seen.add(p2.column));
}
function loneString(t2) {
  const qs2 = quotedStrings(t2);
  if (qs2.length !== 1 || qs2[0].tokenStart !== 0) return void 0;
  let i2 = skipSpace(t2, qs2[0].end + 1);
  if (t2[i2] === "," || t2[i2] === ")") i2 = skipSpace(t2, i2 + 1);
  return i2 >= t2.length || t2[i2] === "#" ? qs2[0] : void 0;
}
function openCarry(line2, secretName2) {
  const t2 = line2.trim();
  if (t2.length > 512) return void 0;
  const last = t2[t2.length - 1];
  if (last === "(") {
    const target = assignmentTarget(t2);
    return { key: target && secretName2(target) ? target : "", mode: "call", needName: true, left: 6 };
  }
  if (last === ",") {
    const qs2 = quotedStrings(t2);
    const q3 = qs2[qs2.length - 1];
    if (q3 && skipSpace(t2, q3.end + 1) === t2.length - 1) {
      const lone = loneString(t2);
      if (lone && secretName2(lone.value)) return { key: lone.value, mode: "call", needName: false, left: 4 };
      if (t2[skipSpaceBack(t2, q3.tokenStart - 1)] === "(") {
        const target = assignmentTarget(t2);
        const key = target && secretName2(target) ? target : q3.value;
        return secretName2(key) ? { key, mode: "call", needName: false, left: 4 } : void 0;
      }
    }
    return void 0;
  }
  if (last === "{" && t2.startsWith("variable ")) {
    const q3 = quotedStrings(t2)[0];
    return q3 && secretName2(q3.value) ? { key: q3.value, mode: "value", needName: false, left: 6 } : void 0;
  }
  if (last === "[" || last === "{" || last === ":") {
    let i3 = skipSpaceBack(t2, t2.length - 2);
    if (last !== ":") {
      if (t2[i3] !== "=" && t2[i3] !== ":") return void 0;
      i3 = skipSpaceBack(t2, i3 - 1);
    }
    const quoted = quotedStrings(t2);
    const byEnd = /* @__PURE__ */ new Map();
    for (const q3 of quoted) byEnd.set(q3.end, q3);
    const k2 = keyBefore(t2, i3, byEnd);
    if (!k2 || !secretName2(k2.key) || last === ":" && k2.before >= 0 && t2.slice(0, k2.before + 1).trim() !== "" && t2.slice(0, k2.before + 1).trim() !== "-") return void 0;
    return { key: k2.key, mode: last === "[" ? "list" : "value", needName: false, left: last === "[" ? 50 : 6 };
  }
  let i2 = 0;
  if (t2.startsWith("- ")) i2 = skipSpace(t2, 2);
  for (const word of ["name:", "key:", "Name:", "Key:"]) {
    if (t2.startsWith(word, i2)) {
      const name2 = t2.slice(skipSpace(t2, i2 + word.length)).replace(/^["']|["']$/g, "");
      if (name2 && !name2.includes(" ") && secretName2(name2)) return { key: name2, mode: "value", needName: false, left: 3 };
    }
  }
  return void 0;
}
function continueCarry(line2, carry, code2) {
  const indent = line2.length - line2.trimStart().length;
  const t2 = line2.trim();
  const left = carry.left - 1;
  const go = (c3) => c3.left > 0 ? c3 : void 0;
  if (t2 === "" || t2.startsWith("#") || t2.startsWith("//")) return { pairs: [], carry: go({ ...carry, left }) };
  if (carry.mode === "call") {
    if (t2.startsWith(")")) return { pairs: [] };
    const args2 = quotedStrings(t2);
    if (carry.needName && args2.length === 2 && args2[0].tokenStart === 0 && t2[skipSpace(t2, args2[0].end + 1)] === "," && skipSpace(t2, skipSpace(t2, args2[0].end + 1) + 1) === args2[1].tokenStart) {
      const key = carry.key || args2[0].value;
      return { pairs: [{ key, value: args2[1].value, column: indent + args2[1].valueStart, quoted: true }] };
    }
    const lone = loneString(t2);
    if (lone) {
      if (carry.needName) return { pairs: [], carry: go({ ...carry, key: carry.key || lone.value, needName: false, left }) };
      return { pairs: carry.key ? [{ key: carry.key, value: lone.value, column: indent + lone.valueStart, quoted: true }] : [] };
    }
    const pairs2 = pairsOfLine(t2, code2).filter((p2) => p2.key === "default");
    if (pairs2.length) return { pairs: carry.key && !carry.needName ? pairs2.map((p2) => ({ ...p2, key: carry.key, column: p2.column + indent })) : [] };
    return /^[A-Za-z_]\w{0,63}\s{0,8}=/.test(t2) ? { pairs: [], carry: go({ ...carry, left }) } : { pairs: [] };
  }
  if (carry.mode === "list") {
    if (t2.startsWith("]") || t2.startsWith(")")) return { pairs: [] };
    const qs2 = quotedStrings(t2);
    if (!qs2.length || qs2[0].tokenStart !== 0) return { pairs: [] };
    return { pairs: qs2.map((q3) => ({ key: carry.key, value: q3.value, column: indent + q3.valueStart, quoted: true })), carry: go({ ...carry, left }) };
  }
  if (t2.startsWith("}")) return { pairs: [] };
  const pairs = pairsOfLine(line2, code2).filter((p2) => p2.key === "value" || p2.key === "Value" || p2.key === "default");
  if (pairs.length) return { pairs: pairs.map((p2) => ({ ...p2, key: carry.key })) };
  if (t2.startsWith("- ")) return { pairs: [] };
  return { pairs: [], carry: go({ ...carry, left }) };
}

// src/secrets/triggers.ts
var TRIGGERS = [
  { word: "pass", at: 1 },
  { word: "pwd", at: 0 },
  { word: "private key", at: 7 },
  { word: "secret", at: 1 },
  { word: "salt", at: 0 },
  { word: "sg.", at: 0 },
  { word: "sk_live_", at: 0 },
  { word: "sk_test_", at: 0 },
  { word: "token", at: 1 },
  { word: "key", at: 0 },
  { word: "bearer", at: 0 },
  { word: "auth", at: 0 },
  { word: "akia", at: 0 },
  { word: "asia", at: 1 },
  { word: "abia", at: 1 },
  { word: "acca", at: 0 },
  { word: "aiza", at: 1 },
  { word: "credential", at: 7 },
  { word: "create_user", at: 6 },
  { word: "create_superuser", at: 7 },
  { word: "://", at: 0 },
  { word: "eyj", at: 0 },
  { word: "ghp_", at: 1 },
  { word: "gho_", at: 1 },
  { word: "ghu_", at: 1 },
  { word: "ghs_", at: 0 },
  { word: "ghr_", at: 0 },
  { word: "github_pat_", at: 4 },
  { word: "rk_live_", at: 0 },
  { word: "rk_test_", at: 0 },
  { word: "xox", at: 0 },
  { word: "xapp-", at: 2 },
  { word: "django-insecure-", at: 0 },
  { word: "sk-", at: 0 },
  { word: ".login(", at: 2 },
  { word: "bind_s(", at: 3 }
];
var NEWLINE = 10;
var lower = (c3) => c3 >= 65 && c3 <= 90 ? c3 + 32 : c3;
var TABLE = new Uint8Array(65536);
var NEWLINE_PAIR = 255;
var CHECKS = [];
var NEIGHBOURS = new Uint8Array(256 * 512);
var LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
var pair = (a, b3) => LITTLE_ENDIAN ? a | b3 << 8 : a << 8 | b3;
function buildTable() {
  const index = /* @__PURE__ */ new Map();
  const cases = (c3) => c3 >= 97 && c3 <= 122 ? [c3, c3 - 32] : [c3];
  for (const { word, at: at2 } of TRIGGERS) {
    const bytes = new Uint8Array(Buffer.from(word));
    for (const back of [at2, at2 + 1]) {
      const key = bytes[back] | bytes[back + 1] << 8;
      let slot = index.get(key);
      if (slot === void 0) {
        slot = CHECKS.length;
        CHECKS.push([]);
        index.set(key, slot);
      }
      CHECKS[slot].push({ word: bytes, back });
      const [offset, third] = back === at2 ? [0, bytes[at2 + 2]] : [256, bytes[at2]];
      for (const c3 of cases(third)) NEIGHBOURS[(slot + 1) * 512 + offset + c3] = 1;
      for (const a of cases(bytes[back])) for (const b3 of cases(bytes[back + 1])) TABLE[pair(a, b3)] = slot + 1;
    }
  }
  if (CHECKS.length + 1 >= NEWLINE_PAIR) throw new Error("too many trigger pairs for the table");
  for (let c3 = 0; c3 < 256; c3++) TABLE[pair(NEWLINE, c3)] = TABLE[pair(c3, NEWLINE)] = NEWLINE_PAIR;
}
buildTable();
function hasTrigger(data, j3, slot, end) {
  const n = slot * 512;
  if (!(j3 + 2 < end && NEIGHBOURS[n + data[j3 + 2]]) && !(j3 > 0 && NEIGHBOURS[n + 256 + data[j3 - 1]])) return false;
  for (const c3 of CHECKS[slot - 1]) if (wordAt(data, j3 - c3.back, c3.word, end)) return true;
  return false;
}
function wordAt(bytes, i2, word, end) {
  if (i2 < 0 || i2 + word.length > end) return false;
  for (let n = 0; n < word.length; n++) if (lower(bytes[i2 + n]) !== word[n]) return false;
  return true;
}
var scratch = new Uint8Array(0);
function aligned(bytes) {
  if (bytes.byteOffset % 2 === 0) return bytes;
  if (scratch.length < bytes.length) scratch = new Uint8Array(Math.max(bytes.length, scratch.length * 2));
  scratch.set(bytes);
  return scratch.subarray(0, bytes.length);
}
function indexLines(bytes) {
  const data = aligned(bytes);
  const end = data.length;
  const pairs = new Uint16Array(data.buffer, data.byteOffset, end >> 1);
  const starts = [0];
  const candidates = [];
  for (let w2 = 0; w2 < pairs.length; w2++) {
    const slot = TABLE[pairs[w2]];
    if (slot === 0) continue;
    const j3 = w2 << 1;
    if (slot === NEWLINE_PAIR) {
      if (data[j3] === NEWLINE) starts.push(j3 + 1);
      if (data[j3 + 1] === NEWLINE) starts.push(j3 + 2);
      continue;
    }
    if (!hasTrigger(data, j3, slot, end)) continue;
    candidates.push(starts.length - 1);
    const nl = data.indexOf(NEWLINE, j3);
    if (nl < 0) return { starts, candidates };
    w2 = (nl >> 1) - 1;
  }
  if (end % 2 === 1 && data[end - 1] === NEWLINE) starts.push(end);
  return { starts, candidates };
}

// src/secrets/detect.ts
var SKIPPED_NAMES = /* @__PURE__ */ new Set(["package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "poetry.lock", "pipfile.lock", "uv.lock", "pdm.lock", "go.sum", "cargo.lock", "composer.lock", "gemfile.lock", "requirements.lock"]);
function isSkippedFile(path) {
  const name2 = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  return SKIPPED_NAMES.has(name2) || name2.endsWith(".min.js.map") || name2.endsWith(".svg");
}
var BINARY_EXTENSIONS = /* @__PURE__ */ new Set(["png", "jpg", "jpeg", "gif", "ico", "webp", "bmp", "tif", "tiff", "pdf", "zip", "gz", "tgz", "bz2", "xz", "7z", "rar", "jar", "war", "whl", "egg", "so", "dylib", "dll", "exe", "bin", "woff", "woff2", "ttf", "otf", "eot", "mp3", "mp4", "mov", "avi", "wav", "ogg", "flac", "mkv", "webm", "psd", "db", "sqlite", "sqlite3", "pyc", "pyo", "class", "o", "a", "mo", "wasm"]);
var extension = (path) => {
  const name2 = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  const dot = name2.lastIndexOf(".");
  return dot < 0 ? "" : name2.slice(dot + 1);
};
function isSecretsCandidate(path) {
  return !isSkippedFile(path) && !BINARY_EXTENSIONS.has(extension(path));
}
var TEST_PATH = /(^|\/)(tests?|testing|fixtures|testdata|spec|__tests__)\/|(^|\/)(test_[^/]*|[^/]*_tests?\.py|conftest\.py)$/i;
function isDocsFile(path) {
  const lower2 = path.toLowerCase();
  return /\.(md|rst|txt|adoc)$/.test(lower2) || lower2.startsWith("docs/") || lower2.includes("/docs/");
}
var LOCALE_DIRS = /* @__PURE__ */ new Set(["locale", "locales", "i18n", "l10n", "lang", "langs", "translations"]);
var LOCALE_EXTENSIONS = /* @__PURE__ */ new Set(["po", "pot", "xlf", "xliff", "arb", "strings", "resx"]);
function isTranslationFile(path) {
  const parts2 = path.toLowerCase().split("/");
  if (LOCALE_EXTENSIONS.has(extension(path))) return true;
  return parts2.slice(0, -1).some((p2) => LOCALE_DIRS.has(p2));
}
var CODE_EXTENSIONS = /* @__PURE__ */ new Set(["py", "pyi", "js", "jsx", "mjs", "cjs", "ts", "tsx", "vue", "svelte", "rb", "go", "java", "kt", "php", "cs", "rs", "swift"]);
var isCodeFile = (path) => CODE_EXTENSIONS.has(extension(path));
var isYaml = (path) => {
  const ext = extension(path);
  return ext === "yml" || ext === "yaml";
};
var stripCr = (s) => s.endsWith("\r") ? s.slice(0, -1) : s;
function linesOfBytes(bytes, starts) {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  return {
    count: starts.length,
    at: (n) => stripCr(buf.toString("utf8", starts[n], n + 1 < starts.length ? starts[n + 1] - 1 : buf.length))
  };
}
function linesOfText(text, count) {
  const starts = [0];
  for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", nl + 1)) starts.push(nl + 1);
  return { count, at: (n) => stripCr(text.slice(starts[n], n + 1 < starts.length ? starts[n + 1] - 1 : text.length)) };
}
function pgpassPair(line2) {
  if (line2.startsWith("#")) return void 0;
  let field = 0;
  for (let i2 = 0; i2 < line2.length; i2++) {
    if (line2[i2] === "\\") i2++;
    else if (line2[i2] === ":" && ++field === 4) return line2.length > i2 + 1 ? { key: "pgpass password", value: line2.slice(i2 + 1), column: i2 + 1, quoted: false, kindHint: "password" } : void 0;
  }
  return void 0;
}
var secretName = (key) => namedKind(key) !== void 0;
function detectSecrets(path, content, lines) {
  if (isSkippedFile(path)) return [];
  const name2 = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  const ctx = { docs: isDocsFile(path), code: isCodeFile(path), translations: isTranslationFile(path), pgpass: name2 === ".pgpass" || name2 === "pgpass", notebook: extension(path) === "ipynb" };
  const bytes = typeof content === "string" ? Buffer.from(content) : content;
  const { starts, candidates } = indexLines(bytes);
  if (!candidates.length && !ctx.pgpass) return [];
  const file = typeof content === "string" ? linesOfText(content, starts.length) : linesOfBytes(content, starts);
  const lineAt2 = (n) => n < file.count ? file.at(n) : void 0;
  const yaml = isYaml(path) && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).includes("encryptedData");
  const everyLine = yaml || ctx.pgpass;
  const out2 = [];
  let carry;
  const parents = [];
  let next = 0;
  for (let index = 0; index < file.count; index++) {
    let candidate = candidates[next] === index;
    if (candidate) next++;
    else if (!carry && !everyLine) {
      if (next >= candidates.length) break;
      index = candidates[next++];
      candidate = true;
    }
    const lineNo = index + 1;
    const line2 = lineAt2(index) ?? "";
    let encrypted = false;
    if (yaml) {
      const trimmed = line2.trimStart();
      if (trimmed && !trimmed.startsWith("#")) {
        const indent = line2.length - trimmed.length;
        while (parents.length && parents[parents.length - 1].indent >= indent) parents.pop();
        encrypted = parents.some((p2) => p2.key === "encryptedData");
        const t2 = trimmed.trimEnd();
        if (t2.endsWith(":") && !t2.includes(": ") && t2.length < 128) parents.push({ indent, key: t2.slice(0, -1).replace(/^- /, "") });
      }
    }
    const report = !lines || lines.has(lineNo);
    const taken = /* @__PURE__ */ new Set();
    let continued = false;
    if (carry) {
      const step = continueCarry(line2, carry.state, ctx.code);
      if (report && !ctx.docs && !ctx.translations && !encrypted) for (const p2 of step.pairs) addPair(p2, lineNo, carry.line, out2, taken, []);
      carry = step.carry ? { state: step.carry, line: carry.line } : void 0;
      continued = carry !== void 0;
    }
    if (ctx.pgpass && report) {
      const p2 = pgpassPair(line2);
      if (p2) addPair(p2, lineNo, void 0, out2, taken, []);
    }
    if (!candidate) continue;
    if (report) scanLine(line2, lineNo, (n) => lineAt2(index + 1 + n), ctx, encrypted, out2, taken);
    if (!ctx.docs && !ctx.translations && !continued) {
      const opened = openCarry(line2, secretName);
      if (opened) carry = { state: opened, line: lineNo };
    }
  }
  return out2;
}
function scanLine(line2, lineNo, following, ctx, encrypted, out2, taken) {
  const formats = [];
  for (const m2 of formatMatches(line2, following)) {
    if (isFormatPlaceholder(m2)) continue;
    formats.push(m2);
    taken.add(m2.column);
    out2.push({ kind: m2.format.kind, label: m2.format.label, line: lineNo, column: m2.column, value: m2.value, testKey: m2.format.lowSeverity?.(m2.value), ...m2.distinct ? { distinct: m2.distinct } : {} });
  }
  if (ctx.docs || ctx.translations || encrypted) return;
  for (const p2 of pairsOfLine(line2, ctx.code, secretName)) addPair(p2, lineNo, void 0, out2, taken, formats);
  if (ctx.notebook) {
    for (const q3 of quotedStrings(line2)) {
      if (q3.value.length > 8 && q3.valueEnd - q3.valueStart !== q3.value.length) {
        for (const p2 of pairsOfLine(q3.value.replace(/\n$/, ""), true, secretName)) addPair({ ...p2, column: q3.valueStart + p2.column }, lineNo, void 0, out2, taken, formats);
      }
    }
  }
}
function addPair(p2, lineNo, keyLine, out2, taken, formats) {
  if (taken.has(p2.column)) return;
  if (formats.some((f3) => f3.column < p2.column + p2.value.length && p2.column < f3.column + f3.value.length)) return;
  const kind = namedKind(p2.key) ?? p2.kindHint;
  if (!kind || !looksLikeCredential(kind, p2.value, { quoted: p2.quoted, key: p2.key })) return;
  taken.add(p2.column);
  const label = kind === "django-secret-key" ? `Django secret key in ${p2.key}` : `${kind.replace("-", " ")} in ${p2.key}`;
  out2.push({ kind, label, line: lineNo, column: p2.column, value: p2.value, key: p2.key, ...keyLine !== void 0 ? { keyLine } : {} });
}
function isFormatPlaceholder(m2) {
  const value = m2.value;
  if (m2.format.kind === "private-key") return false;
  if (isKnownExample(value)) return true;
  if (m2.format === URL_CREDENTIALS) return isPlaceholder(value) || isDummy(value) || value === m2.user || value.startsWith(":");
  const lower2 = value.toLowerCase();
  if (lower2.includes("example") || lower2.includes("xxxxxxxx") || lower2.includes("00000000") || lower2.includes("your")) return true;
  if (m2.format.kind === "django-secret-key") {
    const body2 = value.slice("django-insecure-".length);
    return isDummy(body2) || isPlaceholder(body2);
  }
  let b3 = 0;
  while (b3 < value.length && /[A-Za-z]/.test(value[b3])) b3++;
  const sep = b3;
  while (b3 < value.length && (value[b3] === "_" || value[b3] === "." || value[b3] === "-")) b3++;
  return new Set(value.slice(b3 > sep ? b3 : 0)).size <= 3;
}

// src/rules/hardcoded-credential.ts
var ACCESS_ANYWHERE = /* @__PURE__ */ new Set(["private-key", "aws-access-key-id", "github-token", "stripe-key", "slack-token", "slack-webhook", "sendgrid-key", "google-api-key", "openai-api-key", "anthropic-api-key"]);
var worksAnywhere = (kind) => ACCESS_ANYWHERE.has(kind);
var hardcodedCredential = {
  meta: {
    id: "hardcoded-credential",
    severity: "high",
    title: "A credential is committed in a file",
    django: [],
    docs: {
      what: "Finds credentials written into any text file: Python, `.env*`, YAML (compose, Kubernetes, CI workflows, render.yaml), JSON, INI/TOML, Dockerfile, Procfile, shell. It reads key and value in each syntax and reports values of names such as `*_PASSWORD`, `*_SECRET*`, `*_TOKEN`, `*API_KEY*`, `SIGNING_KEY`, Django `SECRET_KEY` values in any format (punctuation included), provider formats that identify themselves (AWS, GitHub, Stripe, Slack, SendGrid, Google, private keys, JWTs) and URLs with `user:password@`. Placeholders (`changeme`, `your-secret-key-here`, `<...>`, `${VAR}`, `${{ secrets.X }}`) and environment lookups are not secrets. Values are always masked.",
      why: "A credential in git is readable by everyone with access to the repository, its forks, clones and CI logs, for as long as the history exists. Deleting it in a later commit does not help: it must be rotated.",
      bad: 'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "PASSWORD": "Sup3r-s3cret!"}}',
      fix: `DATABASES = {"default": env.db("DATABASE_URL")}  # the password lives in the deployment's secret store`
    }
  },
  checkFile(ctx) {
    const { path, lines, fileClass } = ctx;
    const nonProduction = fileClass.kind === "production" ? void 0 : fileClass.why;
    return (ctx.secrets ?? detectSecrets(path, ctx.text, lines)).map((hit) => {
      const shown = hit.kind === "private-key" ? "a private key block" : `${hit.label} (${mask(hit.value)})`;
      const lowered = nonProduction && !worksAnywhere(hit.kind) ? nonProduction : void 0;
      const lower2 = lowered ? ` It is reported at low severity because ${lowered}.` : hit.testKey ? " It is a test-mode key, so it is reported at low severity." : "";
      return {
        subject: `${hit.kind}:${hit.key ?? ""}:${hit.value.length}:${hit.value.slice(0, 2)}${hit.value.slice(-2)}`,
        // a value on a line after its name (black-formatted env reads, k8s name/value) is located from the name's line
        loc: { path, line: hit.keyLine ?? hit.line, endLine: hit.line },
        message: `${path} contains ${shown}: anyone with access to the repository can use it, and removing it later does not take it out of git history.${lower2}`,
        severity: lowered || hit.testKey ? "low" : void 0,
        fix: { description: `Rotate the credential, then load it from the environment or a secret store${hit.key ? ` (e.g. os.environ["${hit.key.toUpperCase().replace(/[^A-Z0-9_]/g, "_")}"])` : ""}.` },
        secrets: hit.kind === "private-key" ? [] : [hit.value]
      };
    });
  }
};

// src/rules/file-rules.ts
var FILE_RULES = [hardcodedCredential, envFileCommitted];

// src/rules/allowed-hosts-empty.ts
var allowedHostsEmpty = {
  meta: {
    id: "allowed-hosts-empty",
    severity: "low",
    title: "ALLOWED_HOSTS is empty while DEBUG is off",
    django: ["security.W020"],
    docs: {
      what: "Finds production settings whose effective `ALLOWED_HOSTS` is empty while DEBUG is off.",
      why: 'Django then rejects every request with "400 Bad Request". It is not a vulnerability by itself, but the usual quick fix under pressure is `ALLOWED_HOSTS = ["*"]`, which is one.',
      bad: "ALLOWED_HOSTS = []",
      fix: 'ALLOWED_HOSTS = ["example.com"]'
    }
  },
  check({ settings }) {
    if (truthy(settings.get("DEBUG").value) !== false) return [];
    const s = settings.get("ALLOWED_HOSTS");
    const j3 = judge(s, (v2) => {
      const t2 = truthy(v2);
      return t2 === void 0 ? void 0 : !t2;
    });
    if (j3.verdict === "none") return [];
    return [
      {
        subject: "ALLOWED_HOSTS:empty",
        djangoCheck: "security.W020",
        loc: locOf(s, settings, j3.binding),
        message: `ALLOWED_HOSTS ${j3.verdict === "possible" ? "can be" : "is"} empty in production with DEBUG off, so Django answers every request with 400 (${origin(s, settings, j3.binding)}).`,
        fix: { description: "List the domains the site is served on." }
      }
    ];
  }
};

// src/rules/allowed-hosts-wildcard.ts
var allowedHostsWildcard = {
  meta: {
    id: "allowed-hosts-wildcard",
    severity: "high",
    title: "ALLOWED_HOSTS accepts any host ('*')",
    django: [],
    docs: {
      what: 'Finds production settings whose effective `ALLOWED_HOSTS` contains `\'*\'`, including an environment read whose default yields it (`env.list("ALLOWED_HOSTS", default=["*"])`, `os.getenv("ALLOWED_HOSTS", "*").split(",")`), and a string instead of a list that contains `*` (Django matches it character by character). Django\'s own checks do not flag this.',
      why: "Django builds absolute URLs (password-reset links, redirects, cache keys) from the Host header. Accepting any host lets an attacker poison reset e-mails and caches with a domain they control.",
      bad: 'ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["*"])',
      fix: 'ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")  # e.g. "example.com,www.example.com"'
    }
  },
  check({ settings }) {
    const s = settings.get("ALLOWED_HOSTS");
    const j3 = judge(s, (v2) => containsString(v2, "*") === true || v2.kind === "str" && v2.value.includes("*") ? true : void 0);
    if (j3.verdict === "none" || !j3.value) return [];
    if (j3.value.kind === "str")
      return [
        {
          subject: "ALLOWED_HOSTS",
          loc: locOf(s, settings, j3.binding),
          message: `ALLOWED_HOSTS ${j3.verdict === "possible" ? "can be" : "is"} the string ${show(j3.value)} in production, not a list: Django checks each character as a host pattern, and the '*' among them accepts any Host header, which can poison password-reset links and caches (${origin(s, settings, j3.binding)}).`,
          fix: { description: 'Make ALLOWED_HOSTS a list of the real domains, e.g. os.environ["ALLOWED_HOSTS"].split(","), without a wildcard default.' }
        }
      ];
    const item = findItem(j3.value, "*");
    const loc = item?.loc && item.loc.path === (j3.binding?.loc.path ?? "") ? item.loc : locOf(s, settings, j3.binding);
    return [
      {
        subject: "ALLOWED_HOSTS",
        loc,
        message: `ALLOWED_HOSTS ${j3.verdict === "possible" ? "can contain" : "contains"} '*' in production, so any Host header is accepted and can poison password-reset links and caches (${origin(s, settings, j3.binding)}).`,
        fix: { description: 'List the real domains, e.g. ALLOWED_HOSTS = ["example.com", "www.example.com"], or read them from the environment without a wildcard default.' }
      }
    ];
  }
};

// src/settings/defaults.ts
var DJANGO_DEFAULTS = {
  DEBUG: FALSE,
  DEBUG_PROPAGATE_EXCEPTIONS: FALSE,
  SECRET_KEY: str(""),
  SECRET_KEY_FALLBACKS: list([]),
  ALLOWED_HOSTS: list([]),
  INSTALLED_APPS: list([]),
  MIDDLEWARE: list([]),
  TEMPLATES: list([]),
  SESSION_COOKIE_SECURE: FALSE,
  SESSION_COOKIE_HTTPONLY: TRUE,
  SESSION_COOKIE_SAMESITE: str("Lax"),
  CSRF_COOKIE_SECURE: FALSE,
  CSRF_COOKIE_HTTPONLY: FALSE,
  CSRF_COOKIE_SAMESITE: str("Lax"),
  CSRF_USE_SESSIONS: FALSE,
  CSRF_TRUSTED_ORIGINS: list([]),
  SECURE_HSTS_SECONDS: int(0),
  SECURE_HSTS_INCLUDE_SUBDOMAINS: FALSE,
  SECURE_HSTS_PRELOAD: FALSE,
  SECURE_SSL_REDIRECT: FALSE,
  SECURE_CONTENT_TYPE_NOSNIFF: TRUE,
  SECURE_REFERRER_POLICY: str("same-origin"),
  SECURE_CROSS_ORIGIN_OPENER_POLICY: str("same-origin"),
  SECURE_PROXY_SSL_HEADER: NONE,
  X_FRAME_OPTIONS: str("DENY"),
  SILENCED_SYSTEM_CHECKS: list([])
};
var SECURITY_MIDDLEWARE = "django.middleware.security.SecurityMiddleware";
var CSRF_MIDDLEWARE = "django.middleware.csrf.CsrfViewMiddleware";
var XFRAME_MIDDLEWARE = "django.middleware.clickjacking.XFrameOptionsMiddleware";
var SESSION_MIDDLEWARE = "django.contrib.sessions.middleware.SessionMiddleware";
var SESSIONS_APP = "django.contrib.sessions";
var SETTINGS_NAMES = /* @__PURE__ */ new Set([
  "DEBUG",
  "SECRET_KEY",
  "SECRET_KEY_FALLBACKS",
  "ALLOWED_HOSTS",
  "INSTALLED_APPS",
  "MIDDLEWARE",
  "MIDDLEWARE_CLASSES",
  "ROOT_URLCONF",
  "TEMPLATES",
  "WSGI_APPLICATION",
  "ASGI_APPLICATION",
  "DATABASES",
  "AUTH_PASSWORD_VALIDATORS",
  "LANGUAGE_CODE",
  "TIME_ZONE",
  "USE_I18N",
  "USE_TZ",
  "STATIC_URL",
  "STATIC_ROOT",
  "MEDIA_URL",
  "MEDIA_ROOT",
  "DEFAULT_AUTO_FIELD",
  "SESSION_COOKIE_SECURE",
  "SESSION_COOKIE_HTTPONLY",
  "SESSION_COOKIE_SAMESITE",
  "CSRF_COOKIE_SECURE",
  "CSRF_COOKIE_SAMESITE",
  "CSRF_USE_SESSIONS",
  "CSRF_TRUSTED_ORIGINS",
  "SECURE_HSTS_SECONDS",
  "SECURE_HSTS_INCLUDE_SUBDOMAINS",
  "SECURE_HSTS_PRELOAD",
  "SECURE_SSL_REDIRECT",
  "SECURE_PROXY_SSL_HEADER",
  "SECURE_CONTENT_TYPE_NOSNIFF",
  "SECURE_REFERRER_POLICY",
  "SECURE_CROSS_ORIGIN_OPENER_POLICY",
  "X_FRAME_OPTIONS",
  "AUTH_USER_MODEL",
  "LOGIN_URL",
  "LOGIN_REDIRECT_URL",
  "EMAIL_BACKEND",
  "CACHES",
  "LOGGING",
  "PASSWORD_HASHERS",
  "SESSION_ENGINE",
  "SESSION_SERIALIZER",
  "CORS_ALLOWED_ORIGINS",
  "CORS_ALLOW_ALL_ORIGINS",
  "CORS_ORIGIN_ALLOW_ALL",
  "SILENCED_SYSTEM_CHECKS",
  "STATICFILES_DIRS",
  "STORAGES",
  "SITE_ID",
  "ADMINS",
  "INTERNAL_IPS"
]);

// src/rules/middleware.ts
function middlewareSetting(view) {
  const mw = view.get("MIDDLEWARE");
  if (mw.isDefault) {
    const legacy = view.get("MIDDLEWARE_CLASSES");
    if (!legacy.isDefault && legacy.binding) return { ...legacy, name: "MIDDLEWARE_CLASSES" };
  }
  return mw;
}
function hasMiddleware(view, dotted) {
  return hasEntry(middlewareSetting(view), dotted);
}
function missingMiddleware(ctx, dotted, subject, djangoCheck, consequence) {
  const { settings, base } = ctx;
  if (hasMiddleware(settings, dotted) !== false) return void 0;
  const mw = middlewareSetting(settings);
  const short = dotted.split(".").pop();
  let removed;
  if (base) {
    const before = middlewareSetting(base);
    const item = findItem(before.value, dotted);
    if (item?.loc) removed = { loc: item.loc, text: `'${dotted}'` };
  }
  const where = mw.isDefault ? `${settings.path} does not set MIDDLEWARE` : `${mw.name} ${origin(mw, settings).replace(/^it /, "")}`;
  return {
    subject,
    djangoCheck,
    loc: locOf(mw, settings),
    message: `${short} is not in ${mw.name} for production (${where}): ${consequence}`,
    removed,
    fix: { description: `Add '${dotted}' to ${mw.name}${removed ? " again" : ""}.` }
  };
}

// src/rules/clickjacking-protection-weakened.ts
var clickjackingProtectionWeakened = {
  meta: {
    id: "clickjacking-protection-weakened",
    severity: "medium",
    title: "Clickjacking protection is missing or weakened",
    django: ["security.W002", "security.W019"],
    docs: {
      what: "Finds production settings without `XFrameOptionsMiddleware`, or with `X_FRAME_OPTIONS` set to something other than `'DENY'`. A value that is neither `DENY` nor `SAMEORIGIN` is invalid and browsers ignore the header.",
      why: "Pages that can be framed by another site can be overlaid with invisible buttons, tricking users into clicking actions they did not intend (clickjacking).",
      bad: 'X_FRAME_OPTIONS = "ALLOWALL"',
      fix: 'X_FRAME_OPTIONS = "DENY"'
    }
  },
  check(ctx) {
    const missing = missingMiddleware(ctx, XFRAME_MIDDLEWARE, "MIDDLEWARE:XFrameOptionsMiddleware", "security.W002", "responses carry no X-Frame-Options header, so other sites can frame every page.");
    if (missing) return [missing];
    if (hasMiddleware(ctx.settings, XFRAME_MIDDLEWARE) !== true) return [];
    const xfo = ctx.settings.get("X_FRAME_OPTIONS");
    const j3 = judge(xfo, (v2) => !(v2.kind === "str" && v2.value === "DENY"));
    if (j3.verdict === "none" || !j3.value) return [];
    const sent = j3.value.kind === "str" ? j3.value.value.toUpperCase() : void 0;
    const invalid = sent !== "SAMEORIGIN" && sent !== "DENY";
    const finding = {
      subject: "X_FRAME_OPTIONS",
      djangoCheck: "security.W019",
      loc: locOf(xfo, ctx.settings, j3.binding),
      message: invalid ? `X_FRAME_OPTIONS is ${show(j3.value)}, which browsers do not understand, so pages can be framed by any site (${origin(xfo, ctx.settings, j3.binding)}).` : sent === "DENY" ? `X_FRAME_OPTIONS is ${show(j3.value)}: the middleware upper-cases it and sends DENY, but Django's deploy check only accepts the exact string 'DENY' (${origin(xfo, ctx.settings, j3.binding)}).` : `X_FRAME_OPTIONS is ${show(j3.value)} instead of 'DENY': pages can be framed by this site's own pages (${origin(xfo, ctx.settings, j3.binding)}).`,
      severity: invalid ? "medium" : "low",
      fix: { description: "Set X_FRAME_OPTIONS = 'DENY' (Django's default) and use @xframe_options_sameorigin on the views that must be framed.", replacement: literalFix(xfo, "'DENY'") }
    };
    return [finding];
  }
};

// src/rules/content-type-nosniff-disabled.ts
function wasOn(base) {
  const v2 = base?.get("SECURE_CONTENT_TYPE_NOSNIFF").value;
  return v2?.kind === "bool" && v2.value;
}
var contentTypeNosniffDisabled = {
  meta: {
    id: "content-type-nosniff-disabled",
    severity: "low",
    title: "X-Content-Type-Options: nosniff is turned off",
    django: ["security.W006"],
    docs: {
      what: "Finds production settings with SecurityMiddleware on and `SECURE_CONTENT_TYPE_NOSNIFF` not exactly `True`. Django's default is True (since 3.0), so this means someone turned it off or set it to a non-boolean.",
      why: "Without `X-Content-Type-Options: nosniff` browsers may guess a content type from the bytes of a response, so a user upload served as text or an image can be run as HTML or JavaScript in the site\u2019s origin (cross-site scripting).",
      bad: "SECURE_CONTENT_TYPE_NOSNIFF = False",
      fix: "# remove the line: Django defaults SECURE_CONTENT_TYPE_NOSNIFF to True"
    }
  },
  check({ settings, base }) {
    if (hasMiddleware(settings, SECURITY_MIDDLEWARE) !== true) return [];
    const s = settings.get("SECURE_CONTENT_TYPE_NOSNIFF");
    const j3 = judge(s, (v2) => !(v2.kind === "bool" && v2.value));
    if (j3.verdict === "none" || !j3.value) return [];
    const flagged = trueButNotTrue(j3.value);
    return [
      {
        subject: "SECURE_CONTENT_TYPE_NOSNIFF",
        djangoCheck: "security.W006",
        loc: locOf(s, settings, j3.binding),
        message: flagged ? notBooleanMessage("SECURE_CONTENT_TYPE_NOSNIFF", j3.value, "security.W006", origin(s, settings, j3.binding)) : `SECURE_CONTENT_TYPE_NOSNIFF ${wasOn(base) ? "is turned off" : `${j3.verdict === "possible" ? "can be" : "is"} ${show(j3.value)}`} in production, so responses carry no X-Content-Type-Options: nosniff header and browsers may run an uploaded file as HTML or script (${origin(s, settings, j3.binding)}).`,
        fix: { description: "Set SECURE_CONTENT_TYPE_NOSNIFF = True, or remove the line: True is the default.", replacement: literalFix(s, "True") }
      }
    ];
  }
};

// src/rules/cookie-samesite-none.ts
var cookieSamesiteNone = {
  meta: {
    id: "cookie-samesite-none",
    severity: "medium",
    title: "Session or CSRF cookie has SameSite=None",
    django: [],
    docs: {
      what: 'Finds production settings where `SESSION_COOKIE_SAMESITE` or `CSRF_COOKIE_SAMESITE` is `None` or `"None"`.',
      why: "SameSite=None makes browsers attach the cookie to requests started by other sites, which removes a strong defence against CSRF and cross-site leaks. Django's default, 'Lax', keeps normal links working.",
      bad: 'SESSION_COOKIE_SAMESITE = "None"',
      fix: 'SESSION_COOKIE_SAMESITE = "Lax"'
    }
  },
  check({ settings }) {
    const out2 = [];
    for (const name2 of ["SESSION_COOKIE_SAMESITE", "CSRF_COOKIE_SAMESITE"]) {
      const s = settings.get(name2);
      const j3 = judge(s, (v2) => v2.kind === "none" || v2.kind === "str" && v2.value.toLowerCase() === "none");
      if (j3.verdict === "none" || !j3.value) continue;
      out2.push({
        subject: name2,
        loc: locOf(s, settings, j3.binding),
        message: `${name2} ${j3.verdict === "possible" ? "can be" : "is"} ${show(j3.value)} in production, so browsers send the cookie with requests from other sites (${origin(s, settings, j3.binding)}).`,
        fix: { description: `Set ${name2} = 'Lax' (the default) or 'Strict'.`, replacement: literalFix(s, "'Lax'") }
      });
    }
    return out2;
  }
};

// src/rules/cors-allow-all-origins.ts
var ALLOW_ALL = ["CORS_ALLOW_ALL_ORIGINS", "CORS_ORIGIN_ALLOW_ALL"];
var REGEXES = ["CORS_ALLOWED_ORIGIN_REGEXES", "CORS_ORIGIN_REGEX_WHITELIST"];
function effective(view, names) {
  for (const name2 of names) {
    const s = view.get(name2);
    if (!s.isDefault) return s;
  }
  return view.get(names[0]);
}
function corsHeadersAbsent(view) {
  return hasEntry(view.get("INSTALLED_APPS"), "corsheaders") === false && hasMiddleware(view, "corsheaders.middleware.CorsMiddleware") === false;
}
var SCHEMES = ["(https?://)?", "(http|https)://", "https?://", "https?:\\/\\/", "https://", "http://", "https:\\/\\/", "http:\\/\\/"];
var ANYTHING = /* @__PURE__ */ new Set([".*", ".+", ".*?", ".+?", "(.*)", "(.+)", "\\S*", "\\S+", "[^/]*", "[^/]+", "[^\\/]*", "[^\\/]+"]);
function regexProblem(pattern) {
  const anchored = /(?:^|[^\\])\$$/.test(pattern) || pattern.endsWith("\\Z");
  let rest = pattern.replace(/^\^/, "").replace(/(?:\$|\\Z)$/, "");
  const scheme = SCHEMES.find((s) => rest.startsWith(s));
  if (scheme) rest = rest.slice(scheme.length);
  if (ANYTHING.has(rest) || rest === "" && !anchored) return "any";
  return anchored ? void 0 : "unanchored";
}
function credentials(view) {
  return truthy(view.get("CORS_ALLOW_CREDENTIALS").value) === true;
}
var corsAllowAllOrigins = {
  meta: {
    id: "cors-allow-all-origins",
    severity: "high",
    title: "CORS allows any origin",
    django: [],
    docs: {
      what: 'Finds production settings where django-cors-headers answers every origin: `CORS_ALLOW_ALL_ORIGINS` (or the old `CORS_ORIGIN_ALLOW_ALL`) true, also through an environment default, or an entry of `CORS_ALLOWED_ORIGIN_REGEXES` that matches any origin (`r".*"`, `r"^https?://.*$"`) or lacks the `$` that stops `app.example.com.evil.net` from matching. Critical when `CORS_ALLOW_CREDENTIALS` is on. Django itself has no check for this.',
      why: "Browsers enforce the same-origin policy unless the server says otherwise. Allowing every origin lets any web page a user visits read your API's responses; with credentials allowed, those responses are read with the user's cookies, so any site can act as the logged-in user.",
      bad: "CORS_ALLOW_ALL_ORIGINS = True\nCORS_ALLOW_CREDENTIALS = True",
      fix: 'CORS_ALLOWED_ORIGINS = ["https://app.example.com"]\nCORS_ALLOW_CREDENTIALS = True'
    }
  },
  check({ settings }) {
    if (corsHeadersAbsent(settings)) return [];
    const withCredentials = credentials(settings);
    const severity = withCredentials ? "critical" : void 0;
    const consequence = withCredentials ? "and CORS_ALLOW_CREDENTIALS is on, so any web page can send requests with the visitor's cookies and read the answers" : "so any web page can read your API's responses in its visitors' browsers";
    const out2 = [];
    const all = effective(settings, ALLOW_ALL);
    const j3 = judge(all, (v2) => truthy(v2));
    if (j3.verdict !== "none" && j3.value) {
      const fix = literalFix(all, "False");
      out2.push({
        subject: "CORS_ALLOW_ALL_ORIGINS",
        loc: locOf(all, settings, j3.binding),
        severity,
        message: `${all.name} ${j3.verdict === "possible" ? "can be" : "is"} ${show(j3.value)} in production, ${consequence} (${origin(all, settings, j3.binding)}).`,
        fix: { description: "List the origins that may call the API in CORS_ALLOWED_ORIGINS and turn allow-all off.", replacement: fix }
      });
    }
    const regexes = effective(settings, REGEXES);
    const value = regexes.value;
    if (value.kind === "seq")
      for (const item of value.items) {
        if (item.value.kind !== "str") continue;
        const problem = regexProblem(item.value.value);
        if (!problem) continue;
        const what = problem === "any" ? `matches any origin, ${consequence}` : "has no $ at the end, and django-cors-headers matches only the start of the origin, so an origin that merely begins with what it matches (your domain followed by .evil.net, which anyone can register) is allowed too";
        out2.push({
          subject: `${regexes.name}:${item.value.value}`,
          loc: item.loc && item.loc.path === (regexes.binding?.loc.path ?? "") ? item.loc : locOf(regexes, settings),
          severity: problem === "any" ? severity : void 0,
          message: `${regexes.name} has ${show(item.value)}, which ${what} (${origin(regexes, settings)}).`,
          fix: { description: problem === "any" ? "Replace the pattern by the exact origins in CORS_ALLOWED_ORIGINS." : 'End the pattern with $ (and escape its dots), e.g. r"^https://\\w+\\.example\\.com$".' }
        });
      }
    return out2;
  }
};

// src/rules/cross-origin-opener-policy-weakened.ts
var VALID = /* @__PURE__ */ new Set(["same-origin", "same-origin-allow-popups", "unsafe-none"]);
function judgeCoop(v2) {
  if (v2.kind === "none") return "open";
  if (v2.kind === "str") return !VALID.has(v2.value) ? "invalid" : v2.value === "unsafe-none" ? "open" : "ok";
  if (v2.kind === "bool" || v2.kind === "int" || v2.kind === "float") return "invalid";
  return void 0;
}
var crossOriginOpenerPolicyWeakened = {
  meta: {
    id: "cross-origin-opener-policy-weakened",
    severity: "low",
    title: "Cross-Origin-Opener-Policy is invalid or turned off",
    django: ["security.E024"],
    docs: {
      what: "Finds production settings with SecurityMiddleware on where `SECURE_CROSS_ORIGIN_OPENER_POLICY` is not one of `same-origin`, `same-origin-allow-popups`, `unsafe-none` (Django's E024; the value is compared as a whole, so a comma list is invalid), or is `unsafe-none` or None, which Django accepts but which leave the page in the same browsing context group as any window that opens it. Django's default is `same-origin`.",
      why: "Without COOP a cross-origin page that opened the site (or that the site opened) keeps a handle on its window: it can navigate it to a phishing page, count its frames and probe its state through cross-window side channels (XS-Leaks), and the page cannot be cross-origin isolated.",
      bad: 'SECURE_CROSS_ORIGIN_OPENER_POLICY = "unsafe-none"',
      fix: 'SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"  # or "same-origin-allow-popups" for OAuth/payment pop-ups'
    }
  },
  check({ settings }) {
    if (hasMiddleware(settings, SECURITY_MIDDLEWARE) !== true) return [];
    const s = settings.get("SECURE_CROSS_ORIGIN_OPENER_POLICY");
    const j3 = judge(s, (v2) => {
      const verdict2 = judgeCoop(v2);
      return verdict2 === void 0 ? void 0 : verdict2 !== "ok";
    });
    const verdict = j3.value && judgeCoop(j3.value);
    if (j3.verdict === "none" || !j3.value || !verdict || verdict === "ok") return [];
    const is2 = `SECURE_CROSS_ORIGIN_OPENER_POLICY ${j3.verdict === "possible" ? "can be" : "is"} ${show(j3.value)} in production`;
    const from = origin(s, settings, j3.binding);
    const fix = { description: "Set SECURE_CROSS_ORIGIN_OPENER_POLICY = 'same-origin' (Django's default), or 'same-origin-allow-popups' when the site opens OAuth or payment pop-ups.", replacement: literalFix(s, "'same-origin'") };
    const loc = locOf(s, settings, j3.binding);
    if (verdict === "invalid")
      return [
        {
          subject: "SECURE_CROSS_ORIGIN_OPENER_POLICY",
          djangoCheck: "security.E024",
          loc,
          fix,
          message: `${is2}, which is not a Cross-Origin-Opener-Policy value (valid: ${[...VALID].join(", ")}), so browsers ignore the header and Django's check fails (${from}).`
        }
      ];
    return [
      {
        subject: "SECURE_CROSS_ORIGIN_OPENER_POLICY",
        loc,
        fix,
        message: `${is2}${j3.value.kind === "none" ? ", so no Cross-Origin-Opener-Policy header is sent and browsers use unsafe-none" : ""}: any cross-origin window that opens the site, or that it opens, keeps a handle on it and can navigate it or probe it through cross-window leaks (${from}).`
      }
    ];
  }
};

// src/rules/csrf-cookie-insecure.ts
var csrfCookieInsecure = {
  meta: {
    id: "csrf-cookie-insecure",
    severity: "medium",
    title: "CSRF cookie is sent over plain HTTP",
    django: ["security.W016"],
    docs: {
      what: "Finds production settings with CsrfViewMiddleware on, `CSRF_USE_SESSIONS` off, and `CSRF_COOKIE_SECURE` not exactly `True`.",
      why: "A CSRF token sent over plain HTTP can be read by a network attacker, who can then forge requests that pass the CSRF check.",
      bad: "CSRF_COOKIE_SECURE = False",
      fix: "CSRF_COOKIE_SECURE = True"
    }
  },
  check({ settings }) {
    if (hasMiddleware(settings, CSRF_MIDDLEWARE) !== true) return [];
    if (truthy(settings.get("CSRF_USE_SESSIONS").value) !== false) return [];
    const s = settings.get("CSRF_COOKIE_SECURE");
    const j3 = judge(s, (v2) => !(v2.kind === "bool" && v2.value));
    if (j3.verdict === "none" || !j3.value) return [];
    const flagged = trueButNotTrue(j3.value);
    return [
      {
        subject: "CSRF_COOKIE_SECURE",
        djangoCheck: "security.W016",
        loc: locOf(s, settings, j3.binding),
        severity: flagged ? "low" : void 0,
        message: flagged ? notBooleanMessage("CSRF_COOKIE_SECURE", j3.value, "security.W016", origin(s, settings, j3.binding)) : `CSRF_COOKIE_SECURE ${j3.verdict === "possible" ? "can be" : "is"} ${show(j3.value)} in production, so the CSRF token also travels over plain HTTP (${origin(s, settings, j3.binding)}).`,
        fix: { description: "Set CSRF_COOKIE_SECURE = True in production settings.", replacement: literalFix(s, "True") }
      }
    ];
  }
};

// src/rules/csrf-middleware-missing.ts
var csrfMiddlewareMissing = {
  meta: {
    id: "csrf-middleware-missing",
    severity: "critical",
    title: "CsrfViewMiddleware is not in MIDDLEWARE",
    django: ["security.W003"],
    docs: {
      what: "Finds production settings whose effective MIDDLEWARE lacks `django.middleware.csrf.CsrfViewMiddleware`, including removal with `.remove()` or a comprehension in a production module.",
      why: "Without the middleware no view is protected against cross-site request forgery unless it is decorated with `@csrf_protect`: any site a logged-in user visits can submit forms as that user.",
      bad: 'MIDDLEWARE.remove("django.middleware.csrf.CsrfViewMiddleware")',
      fix: "# keep CsrfViewMiddleware; exempt single endpoints with @csrf_exempt only when they authenticate requests another way"
    }
  },
  check(ctx) {
    const f3 = missingMiddleware(ctx, CSRF_MIDDLEWARE, "MIDDLEWARE:CsrfViewMiddleware", "security.W003", "no view is protected against cross-site request forgery unless it uses @csrf_protect.");
    return f3 ? [f3] : [];
  }
};

// src/python/env.ts
var WORLDS = [null, "False", "0", "", "True", "1", "example.com"];
var UNSET_WORLD = 0;
var OFF_WORLDS = [1, 2, 3];
var ENVIRON_TRUE = /* @__PURE__ */ new Set(["true", "on", "ok", "y", "yes", "1"]);
function environBool(s) {
  const trimmed = s.trim();
  if (/^[+-]?\d+$/.test(trimmed)) return Number(trimmed) !== 0 ? TRUE : FALSE;
  return ENVIRON_TRUE.has(trimmed.toLowerCase()) ? TRUE : FALSE;
}
var DECOUPLE_BOOLEANS = { "1": true, yes: true, true: true, on: true, "0": false, no: false, false: false, off: false, "": false };
function decoupleBool(s) {
  const key = s.toLowerCase();
  return key in DECOUPLE_BOOLEANS ? DECOUPLE_BOOLEANS[key] ? TRUE : FALSE : fails(`ValueError: Not a boolean: ${s}`);
}
function strtobool(s) {
  const key = s.toLowerCase();
  if (["y", "yes", "t", "true", "on", "1"].includes(key)) return int(1);
  if (["n", "no", "f", "false", "off", "0"].includes(key)) return int(0);
  return fails(`ValueError: invalid truth value ${s}`);
}
function pyInt(s) {
  const t2 = s.trim().replace(/_/g, "");
  return /^[+-]?\d+$/.test(t2) ? int(Number(t2)) : fails(`ValueError: invalid literal for int(): ${s}`);
}
function pyFloat(s) {
  const t2 = s.trim().toLowerCase();
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(t2)) return { kind: "float", value: Number(t2) };
  if (/^[+-]?(inf|infinity|nan)$/.test(t2)) return { kind: "float", value: t2.includes("nan") ? NaN : t2.startsWith("-") ? -Infinity : Infinity };
  return fails(`ValueError: could not convert string to float: ${s}`);
}
function commaList(s, strip) {
  const parts2 = s.split(",").map((p2) => strip ? p2.trim() : p2);
  return list(parts2.filter((p2) => p2.length > 0).map(str));
}
function jsonValue(s) {
  let parsed;
  try {
    parsed = JSON.parse(s);
  } catch {
    return fails(`json.decoder.JSONDecodeError: ${s.slice(0, 20)}`);
  }
  return fromJson(parsed);
}
function fromJson(x3) {
  if (x3 === null) return { kind: "none" };
  if (typeof x3 === "boolean") return x3 ? TRUE : FALSE;
  if (typeof x3 === "number") return Number.isInteger(x3) ? int(x3) : { kind: "float", value: x3 };
  if (typeof x3 === "string") return str(x3);
  if (Array.isArray(x3)) return list(x3.map(fromJson));
  if (typeof x3 === "object") return { kind: "dict", entries: Object.entries(x3).map(([key, v2]) => ({ key, value: fromJson(v2) })), open: false };
  return fails("json");
}

// src/rules/debug-enabled.ts
var debugEnabled = {
  meta: {
    id: "debug-enabled",
    severity: "critical",
    title: "DEBUG is on in production",
    django: ["security.W018"],
    docs: {
      what: 'Finds production settings where the effective `DEBUG` is truthy: a literal, a value inherited from a base module, an environment read whose default is truthy, or a cast such as `bool(os.getenv("DEBUG"))` that is True for the string "False". Also `DEBUG_PROPAGATE_EXCEPTIONS` and the template engine `debug` option.',
      why: "With DEBUG on, every error page shows source code, local variables and all settings except a few masked names, to anyone who can trigger an error; Django also keeps every SQL query in memory.",
      bad: 'DEBUG = os.environ.get("DJANGO_DEBUG", "True") == "True"\n# or\nDEBUG = bool(os.getenv("DEBUG"))  # "False" is a non-empty string, so True',
      fix: 'DEBUG = os.environ.get("DJANGO_DEBUG", "False").lower() in ("1", "true", "yes")\n# or, with django-environ\nDEBUG = env.bool("DJANGO_DEBUG", default=False)'
    }
  },
  check({ settings }) {
    const out2 = [];
    const debug = settings.get("DEBUG");
    const j3 = judge(debug, (v2) => truthy(v2));
    if (j3.verdict !== "none") {
      out2.push({
        subject: "DEBUG",
        djangoCheck: "security.W018",
        loc: locOf(debug, settings, j3.binding),
        message: `DEBUG ${j3.verdict === "possible" ? "can be" : "is"} ${show(j3.value)} in production: ${origin(debug, settings, j3.binding)}.`,
        fix: { description: "Turn DEBUG off in production; read it from the environment with a False default.", replacement: literalFix(debug, "False") }
      });
    } else {
      const trap = OFF_WORLDS.map((w2) => ({ probe: WORLDS[w2], s: settings.get("DEBUG", w2) })).find((x3) => x3.s.binding?.env.length && truthy(x3.s.value) === true);
      if (trap && trap.s.binding) {
        const read = trap.s.binding.env[0];
        out2.push({
          subject: "DEBUG:env-cast",
          djangoCheck: "security.W018",
          loc: trap.s.binding.loc,
          message: `DEBUG is True when the environment sets ${read.name}=${JSON.stringify(trap.probe)}: \`${trap.s.binding.text.trim()}\` treats any non-empty string as true, so turning debug "off" in the environment turns it on.`,
          fix: { description: `Compare the string instead of casting it, e.g. \`os.environ.get("${read.name}", "False").lower() in ("1", "true", "yes")\`, or use \`env.bool("${read.name}", default=False)\`.` }
        });
      }
    }
    const propagate = settings.get("DEBUG_PROPAGATE_EXCEPTIONS");
    const p2 = judge(propagate, (v2) => truthy(v2));
    if (p2.verdict !== "none")
      out2.push({
        subject: "DEBUG_PROPAGATE_EXCEPTIONS",
        loc: locOf(propagate, settings, p2.binding),
        message: `DEBUG_PROPAGATE_EXCEPTIONS ${p2.verdict === "possible" ? "can be" : "is"} ${show(p2.value)} in production: exceptions escape Django's handlers and reach the WSGI server with their details (${origin(propagate, settings, p2.binding)}).`,
        fix: { description: "Remove DEBUG_PROPAGATE_EXCEPTIONS from production settings.", replacement: literalFix(propagate, "False") }
      });
    const templates = settings.get("TEMPLATES");
    if (templates.value.kind === "seq")
      templates.value.items.forEach((item, i2) => {
        const engine = item.value;
        if (engine.kind !== "dict") return;
        const options = engine.entries.find((e) => e.key === "OPTIONS");
        if (options?.value.kind !== "dict") return;
        const debugOption = options.value.entries.find((e) => e.key === "debug");
        if (debugOption && truthy(debugOption.value) === true)
          out2.push({
            subject: `TEMPLATES[${i2}].OPTIONS.debug`,
            loc: debugOption.loc ?? locOf(templates, settings),
            message: `TEMPLATES[${i2}]["OPTIONS"]["debug"] is ${show(debugOption.value)} in production: template errors render with source context and variables.`,
            fix: { description: "Remove the template `debug` option (it follows DEBUG by default)." }
          });
      });
    return out2;
  }
};

// src/rules/hsts-weakened.ts
var ONE_YEAR = 31536e3;
function isTrue(view, name2) {
  const v2 = view?.get(name2).value;
  return v2?.kind === "bool" && v2.value;
}
var hstsWeakened = {
  meta: {
    id: "hsts-weakened",
    severity: "medium",
    title: "HTTP Strict Transport Security is off or weakened",
    django: ["security.W004", "security.W005", "security.W021"],
    docs: {
      what: 'Finds production settings with SecurityMiddleware on and `SECURE_HSTS_SECONDS` unset or 0, `SECURE_HSTS_INCLUDE_SUBDOMAINS` or `SECURE_HSTS_PRELOAD` not True; in a diff, also HSTS lowered (e.g. from a year to an hour) or include-subdomains/preload turned off. Django does not notice a lowered, non-zero value, nor a true value that is no max-age: the string `"0"` from the environment sends `max-age=0`, which switches HSTS off.',
      why: "Without HSTS a browser will try plain HTTP first, so an attacker on the network can strip TLS on the first request (SSL stripping) and read or change the traffic. A short max-age lets that window reopen soon after each visit.",
      bad: "SECURE_HSTS_SECONDS = 0",
      fix: "SECURE_HSTS_SECONDS = 31536000  # after testing with a short value\nSECURE_HSTS_INCLUDE_SUBDOMAINS = True\nSECURE_HSTS_PRELOAD = True"
    }
  },
  check({ settings, base }) {
    if (hasMiddleware(settings, SECURITY_MIDDLEWARE) !== true) return [];
    const out2 = [];
    const seconds = settings.get("SECURE_HSTS_SECONDS");
    const off = judge(seconds, (v2) => {
      const t2 = truthy(v2);
      return t2 === void 0 ? void 0 : !t2;
    });
    if (off.verdict !== "none" && off.value) {
      out2.push({
        subject: "SECURE_HSTS_SECONDS",
        djangoCheck: "security.W004",
        loc: locOf(seconds, settings, off.binding),
        message: `SECURE_HSTS_SECONDS ${off.verdict === "possible" ? "can be" : "is"} ${show(off.value)} in production, so browsers are never told to insist on HTTPS (${origin(seconds, settings, off.binding)}).`,
        fix: { description: "Set SECURE_HSTS_SECONDS to a year (31536000) once HTTPS works everywhere; start with 3600 to test.", replacement: literalFix(seconds, String(ONE_YEAR)) }
      });
      return out2;
    }
    if (truthy(seconds.value) !== true) return out2;
    const useless = judge(seconds, (v2) => {
      const text = v2.kind === "str" ? v2.value.trim() : v2.kind === "int" || v2.kind === "float" || v2.kind === "bool" ? show(v2) : void 0;
      return text === void 0 ? void 0 : !(/^\d+$/.test(text) && Number(text) > 0);
    });
    if (useless.verdict !== "none" && useless.value)
      out2.push({
        subject: "SECURE_HSTS_SECONDS:max-age",
        loc: locOf(seconds, settings, useless.binding),
        message: `SECURE_HSTS_SECONDS ${useless.verdict === "possible" ? "can be" : "is"} ${show(useless.value)} in production, so SecurityMiddleware sends \`max-age=${useless.value.kind === "str" ? useless.value.value.trim() : show(useless.value)}\`, which ${/^\s*0+\s*$/.test(useless.value.kind === "str" ? useless.value.value : "") ? "tells browsers to forget HSTS" : "is not a valid max-age, so browsers ignore the header"}; Django's own check passes any true value (${origin(seconds, settings, useless.binding)}).`,
        fix: { description: 'Make SECURE_HSTS_SECONDS a positive integer, e.g. env.int("SECURE_HSTS_SECONDS", default=31536000) or int(os.environ.get(...)).', replacement: literalFix(seconds, String(ONE_YEAR)) }
      });
    const before = base && hasMiddleware(base, SECURITY_MIDDLEWARE) === true ? numeric(base.get("SECURE_HSTS_SECONDS").value) : void 0;
    const now = numeric(seconds.value);
    if (before !== void 0 && now !== void 0 && now < before)
      out2.push({
        subject: "SECURE_HSTS_SECONDS:lowered",
        loc: locOf(seconds, settings),
        message: `SECURE_HSTS_SECONDS is lowered from ${before} to ${now} in production, so browsers forget to insist on HTTPS much sooner (${origin(seconds, settings)}).`,
        fix: { description: `Keep SECURE_HSTS_SECONDS at ${before} or more.`, replacement: literalFix(seconds, String(before)) }
      });
    for (const [name2, id, label] of [
      ["SECURE_HSTS_INCLUDE_SUBDOMAINS", "security.W005", "subdomains are not covered, so an attacker can use a plain-HTTP subdomain to set cookies for the site"],
      ["SECURE_HSTS_PRELOAD", "security.W021", "the site cannot be in browsers\u2019 preload list, so the very first visit is unprotected"]
    ]) {
      const s = settings.get(name2);
      const j3 = judge(s, (v2) => !(v2.kind === "bool" && v2.value));
      if (j3.verdict === "none" || !j3.value) continue;
      const turnedOff = isTrue(base, name2);
      const flagged = trueButNotTrue(j3.value);
      out2.push({
        subject: name2,
        djangoCheck: id,
        loc: locOf(s, settings, j3.binding),
        severity: flagged ? "low" : turnedOff || name2 === "SECURE_HSTS_INCLUDE_SUBDOMAINS" ? "medium" : "low",
        message: flagged ? notBooleanMessage(name2, j3.value, id, origin(s, settings, j3.binding)) : `${name2} ${turnedOff ? "is turned off" : `is ${show(j3.value)}`} in production: ${label} (${origin(s, settings, j3.binding)}).`,
        fix: { description: `Set ${name2} = True.`, replacement: literalFix(s, "True") }
      });
    }
    return out2;
  }
};

// src/rules/referrer-policy-weakened.ts
var VALID2 = /* @__PURE__ */ new Set(["no-referrer", "no-referrer-when-downgrade", "origin", "origin-when-cross-origin", "same-origin", "strict-origin", "strict-origin-when-cross-origin", "unsafe-url"]);
var LOOSE = /* @__PURE__ */ new Set(["unsafe-url", "no-referrer-when-downgrade"]);
function judgePolicy(v2) {
  let tokens;
  if (v2.kind === "none") return { kind: "none" };
  if (v2.kind === "str") tokens = v2.value.split(",").map((t2) => t2.trim());
  else if (v2.kind === "seq") tokens = v2.items.map((i2) => i2.value.kind === "str" ? i2.value.value : ["none", "bool", "int", "float"].includes(i2.value.kind) ? show(i2.value) : void 0);
  else return void 0;
  const bad = tokens.filter((t2) => t2 !== void 0 && !VALID2.has(t2));
  if (bad.length) return { kind: "invalid", bad };
  if (tokens.includes(void 0) || v2.kind === "seq" && v2.open) return void 0;
  if (tokens.length === 0) return { kind: "empty" };
  const last = tokens[tokens.length - 1];
  return LOOSE.has(last) ? { kind: "loose", token: last } : { kind: "ok" };
}
var referrerPolicyWeakened = {
  meta: {
    id: "referrer-policy-weakened",
    severity: "low",
    title: "Referrer-Policy is missing, invalid or leaks full URLs",
    django: ["security.W022", "security.E023"],
    docs: {
      what: "Finds production settings with SecurityMiddleware on where `SECURE_REFERRER_POLICY` is None (no header; Django's W022), holds a value that is not a Referrer-Policy token (E023; a string is split on commas, a list or tuple is taken element by element), or is loosened to `unsafe-url` or `no-referrer-when-downgrade`, which Django accepts. Django's default is `same-origin`.",
      why: "The Referer header carries the full URL of the page a link or resource was loaded from, including paths and query strings that may hold password-reset tokens, search terms or personal data. A loose or missing policy hands those URLs to every third-party site, CDN and analytics script the page touches.",
      bad: 'SECURE_REFERRER_POLICY = "unsafe-url"',
      fix: 'SECURE_REFERRER_POLICY = "same-origin"  # or "strict-origin-when-cross-origin"'
    }
  },
  check({ settings }) {
    if (hasMiddleware(settings, SECURITY_MIDDLEWARE) !== true) return [];
    const s = settings.get("SECURE_REFERRER_POLICY");
    const j3 = judge(s, (v2) => {
      const verdict2 = judgePolicy(v2);
      return verdict2 === void 0 ? void 0 : verdict2.kind !== "ok";
    });
    const verdict = j3.value && judgePolicy(j3.value);
    if (j3.verdict === "none" || !j3.value || !verdict || verdict.kind === "ok") return [];
    const is2 = `SECURE_REFERRER_POLICY ${j3.verdict === "possible" ? "can be" : "is"} ${show(j3.value)} in production`;
    const from = origin(s, settings, j3.binding);
    const fix = { description: "Set SECURE_REFERRER_POLICY = 'same-origin' (Django's default) or 'strict-origin-when-cross-origin'.", replacement: literalFix(s, "'same-origin'") };
    const loc = locOf(s, settings, j3.binding);
    switch (verdict.kind) {
      case "none":
        return [{ subject: "SECURE_REFERRER_POLICY", djangoCheck: "security.W022", loc, fix, message: `${is2}, so responses carry no Referrer-Policy header and each browser's own default decides how much of the page URL other sites receive (${from}).` }];
      case "empty":
        return [{ subject: "SECURE_REFERRER_POLICY", loc, fix, message: `${is2}: Django's check accepts an empty list, but SecurityMiddleware then sends no Referrer-Policy header at all (${from}).` }];
      case "invalid":
        return [
          {
            subject: "SECURE_REFERRER_POLICY",
            djangoCheck: "security.E023",
            loc,
            fix,
            message: `${is2}: ${verdict.bad.map(pyRepr).join(", ")} ${verdict.bad.length === 1 ? "is not a Referrer-Policy value" : "are not Referrer-Policy values"}, so browsers ignore ${verdict.bad.length === 1 ? "it" : "them"} and Django's check fails (${from}). Valid values: ${[...VALID2].sort().join(", ")}.`
          }
        ];
      case "loose":
        return [
          {
            subject: "SECURE_REFERRER_POLICY",
            loc,
            fix,
            message: `${is2}: with '${verdict.token}' the full URL of each page, path and query string included, is sent to ${verdict.token === "unsafe-url" ? "every other site, even over plain HTTP" : "every other HTTPS site"} (${from}).`
          }
        ];
    }
  }
};

// src/rules/secret-key-hardcoded.ts
var secretKeyHardcoded = {
  meta: {
    id: "secret-key-hardcoded",
    severity: "critical",
    title: "SECRET_KEY is committed to the repository",
    django: [],
    docs: {
      what: 'Finds a `SECRET_KEY` or `SECRET_KEY_FALLBACKS` entry that production takes from a literal in the code: assigned directly, or as the fallback of an environment read (`os.environ.get("SECRET_KEY", "\u2026")`, `env("SECRET_KEY", default=\u2026)`, `config("SECRET_KEY", default=\u2026)`). The value is always masked.',
      why: "Anyone who can read the repository (or its history, forks and CI logs) can forge session cookies, password-reset tokens and signed data, and with some session backends log in as any user. A committed key must be rotated, not just removed.",
      bad: 'SECRET_KEY = "django-insecure-3x!k\u2026"\n# or\nSECRET_KEY = os.environ.get("SECRET_KEY", "dev-key-123")',
      fix: 'SECRET_KEY = os.environ["SECRET_KEY"]  # required: the site refuses to start without it'
    }
  },
  check({ settings }) {
    const out2 = [];
    const key = settings.get("SECRET_KEY");
    const report = (subject, value, binding, label) => {
      if (!value || !binding) return;
      const read = binding.env.find((r2) => r2.defaultText !== void 0);
      const how = read ? `${label} falls back to a literal (${mask(value)}) when ${read.name} is unset` : `${label} is a literal (${mask(value)}) committed in ${binding.loc.path}`;
      out2.push({
        subject,
        loc: binding.loc,
        message: `${how}; anyone with access to the code can sign sessions and tokens for this site.`,
        fix: { description: read ? `Remove the default so the read is required: \`os.environ["${read.name}"]\`, and rotate the key.` : 'Read the key from the environment (`os.environ["SECRET_KEY"]`) and rotate it: the committed value stays in git history.' }
      });
    };
    const literal = judge(key, (v2) => v2.kind === "str" && v2.value !== "");
    if (literal.value?.kind === "str" && !key.isDefault) report("SECRET_KEY", literal.value.value, literal.binding, "SECRET_KEY");
    const fallbacks = settings.get("SECRET_KEY_FALLBACKS");
    if (fallbacks.value.kind === "seq" && fallbacks.binding) {
      fallbacks.value.items.forEach((item, i2) => {
        if (item.value.kind !== "str" || !fallbacks.binding) return;
        const binding = { ...fallbacks.binding, loc: item.loc ?? locOf(fallbacks, settings) };
        report(`SECRET_KEY_FALLBACKS[${i2}]`, item.value.value, binding, `SECRET_KEY_FALLBACKS[${i2}]`);
      });
    }
    return out2;
  }
};

// src/rules/secret-key-weak.ts
var MIN_LENGTH = 50;
var MIN_UNIQUE = 5;
var INSECURE_PREFIX = "django-insecure-";
var PLACEHOLDERS = /* @__PURE__ */ new Set(["changeme", "change-me", "change_me", "secret", "secretkey", "secret-key", "secret_key", "dev", "development", "test", "testing", "insecure", "dummy", "example", "xxx", "notsecret", "not-a-secret", "your-secret-key", "your-secret-key-here", "replace-me", "replaceme", "django"]);
function weakness(v2) {
  if (v2.kind === "none") return "it is None";
  if (v2.kind !== "str") return void 0;
  const key = v2.value;
  if (key === "") return "it is empty";
  if (PLACEHOLDERS.has(key.toLowerCase())) return "it is a well-known placeholder";
  if (key.startsWith(INSECURE_PREFIX)) return `it starts with "${INSECURE_PREFIX}", the prefix of keys generated by startproject for development`;
  const length = [...key].length;
  if (length < MIN_LENGTH) return `it has ${length} characters, fewer than ${MIN_LENGTH}`;
  if (new Set(key).size < MIN_UNIQUE) return `it has fewer than ${MIN_UNIQUE} distinct characters`;
  return void 0;
}
var secretKeyWeak = {
  meta: {
    id: "secret-key-weak",
    severity: "high",
    title: "SECRET_KEY is empty, short or a placeholder",
    django: ["security.W009", "security.W025"],
    docs: {
      what: "Finds an effective production `SECRET_KEY` (or `SECRET_KEY_FALLBACKS` entry) that fails Django's strength check: empty or missing, under 50 characters, under 5 distinct characters, starting with `django-insecure-`, or a known placeholder such as `changeme`.",
      why: "A short or guessable key can be brute-forced or guessed, after which sessions, password-reset links and signed cookies can be forged.",
      bad: 'SECRET_KEY = env("SECRET_KEY", default="changeme")',
      fix: 'SECRET_KEY = env("SECRET_KEY")  # set it to the output of django.core.management.utils.get_random_secret_key()'
    }
  },
  check({ settings }) {
    const out2 = [];
    const key = settings.get("SECRET_KEY");
    const failsClosed = (v2) => Boolean(key.binding?.env.length) && (v2.kind === "none" || v2.kind === "str" && v2.value === "");
    const j3 = judge(key, (v2) => !failsClosed(v2) && weakness(v2) !== void 0);
    const why = j3.value && weakness(j3.value);
    if (j3.value && why) {
      const shown = j3.value.kind === "str" && j3.value.value ? ` (${mask(j3.value.value)})` : "";
      out2.push({
        subject: "SECRET_KEY",
        djangoCheck: "security.W009",
        loc: locOf(key, settings, j3.binding),
        message: `SECRET_KEY${shown} ${j3.verdict === "possible" ? "can be" : "is"} weak in production: ${why}; ${origin(key, settings, j3.binding)}.`,
        fix: { description: 'Generate a key with `python -c "from django.core.management.utils import get_random_secret_key as g; print(g())"` and provide it through the environment.' }
      });
    }
    const fallbacks = settings.get("SECRET_KEY_FALLBACKS");
    if (fallbacks.value.kind === "seq")
      fallbacks.value.items.forEach((item, i2) => {
        const reason = weakness(item.value);
        if (!reason) return;
        out2.push({
          subject: `SECRET_KEY_FALLBACKS[${i2}]`,
          djangoCheck: "security.W025",
          loc: item.loc ?? locOf(fallbacks, settings),
          message: `SECRET_KEY_FALLBACKS[${i2}] is weak: ${reason}.`,
          fix: { description: "Remove weak or retired keys from SECRET_KEY_FALLBACKS once sessions signed with them have expired." }
        });
      });
    return out2;
  }
};

// src/rules/security-middleware-missing.ts
var HEADER_SETTINGS = ["SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD", "SECURE_SSL_REDIRECT", "SECURE_CONTENT_TYPE_NOSNIFF", "SECURE_REFERRER_POLICY", "SECURE_CROSS_ORIGIN_OPENER_POLICY"];
var securityMiddlewareMissing = {
  meta: {
    id: "security-middleware-missing",
    severity: "high",
    title: "SecurityMiddleware is not in MIDDLEWARE",
    django: ["security.W001"],
    docs: {
      what: "Finds production settings whose effective MIDDLEWARE lacks `django.middleware.security.SecurityMiddleware`, whether the list was written without it, an entry was deleted, or production removes it with `.remove()` or a filtering comprehension.",
      why: "SecurityMiddleware sends the HSTS, X-Content-Type-Options, Referrer-Policy and Cross-Origin-Opener-Policy headers and performs the HTTPS redirect. Without it every SECURE_* setting is silently ignored, and Django also stops warning about them.",
      bad: 'MIDDLEWARE = [\n    "django.contrib.sessions.middleware.SessionMiddleware",\n    "django.middleware.common.CommonMiddleware",\n]',
      fix: 'MIDDLEWARE = [\n    "django.middleware.security.SecurityMiddleware",\n    "django.contrib.sessions.middleware.SessionMiddleware",\n    "django.middleware.common.CommonMiddleware",\n]'
    }
  },
  check(ctx) {
    const configured = HEADER_SETTINGS.filter((name2) => {
      const s = ctx.settings.get(name2);
      return s.binding !== void 0 && !equal(s.value, DJANGO_DEFAULTS[name2]);
    });
    const silenced = configured.length ? `${configured.join(", ")} ${configured.length === 1 ? "is" : "are"} set but ignored` : "HSTS, nosniff, Referrer-Policy, Cross-Origin-Opener-Policy and SECURE_SSL_REDIRECT have no effect";
    const f3 = missingMiddleware(ctx, SECURITY_MIDDLEWARE, "MIDDLEWARE:SecurityMiddleware", "security.W001", `${silenced}, and Django's own checks for them go quiet.`);
    return f3 ? [f3] : [];
  }
};

// src/rules/sessions.ts
function sessionUse(view) {
  const app = hasEntry(view.get("INSTALLED_APPS"), SESSIONS_APP);
  const mw = hasMiddleware(view, SESSION_MIDDLEWARE);
  if (app === true && mw === true) return "both";
  if (app === true && mw === false) return "app";
  if (mw === true && app === false) return "middleware";
  if (app === true || mw === true) return "both";
  return void 0;
}

// src/rules/session-cookie-httponly-disabled.ts
var IDS = { app: "security.W013", middleware: "security.W014", both: "security.W015" };
var sessionCookieHttponlyDisabled = {
  meta: {
    id: "session-cookie-httponly-disabled",
    severity: "medium",
    title: "Session cookie is readable from JavaScript",
    django: ["security.W013", "security.W014", "security.W015"],
    docs: {
      what: "Finds production settings that use sessions while `SESSION_COOKIE_HTTPONLY` is not exactly `True` (Django defaults it to True, so this means someone turned it off).",
      why: "Without HttpOnly, any cross-site scripting bug lets injected JavaScript read the session cookie and send it to an attacker, who can then use the session from anywhere.",
      bad: "SESSION_COOKIE_HTTPONLY = False",
      fix: "# remove the line: Django defaults SESSION_COOKIE_HTTPONLY to True"
    }
  },
  check({ settings }) {
    const use = sessionUse(settings);
    if (!use) return [];
    const s = settings.get("SESSION_COOKIE_HTTPONLY");
    const j3 = judge(s, (v2) => !(v2.kind === "bool" && v2.value));
    if (j3.verdict === "none" || !j3.value) return [];
    const flagged = trueButNotTrue(j3.value);
    return [
      {
        subject: "SESSION_COOKIE_HTTPONLY",
        djangoCheck: IDS[use],
        loc: locOf(s, settings, j3.binding),
        severity: flagged ? "low" : void 0,
        message: flagged ? notBooleanMessage("SESSION_COOKIE_HTTPONLY", j3.value, IDS[use], origin(s, settings, j3.binding)) : `SESSION_COOKIE_HTTPONLY ${j3.verdict === "possible" ? "can be" : "is"} ${show(j3.value)} in production, so scripts injected through any XSS bug can read the session cookie (${origin(s, settings, j3.binding)}).`,
        fix: { description: "Set SESSION_COOKIE_HTTPONLY = True (or remove it: True is the default).", replacement: literalFix(s, "True") }
      }
    ];
  }
};

// src/rules/session-cookie-insecure.ts
var IDS2 = { app: "security.W010", middleware: "security.W011", both: "security.W012" };
var sessionCookieInsecure = {
  meta: {
    id: "session-cookie-insecure",
    severity: "high",
    title: "Session cookie is sent over plain HTTP",
    django: ["security.W010", "security.W011", "security.W012"],
    docs: {
      what: 'Finds production settings that use sessions (the sessions app or SessionMiddleware) while `SESSION_COOKIE_SECURE` is not exactly `True` (Django 4.1+ semantics: `1` or `"True"` do not count).',
      why: "Without the Secure flag the browser also sends the session cookie over plain HTTP, where anyone on the network path can read it and take over the session.",
      bad: 'SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=False)',
      fix: "SESSION_COOKIE_SECURE = True"
    }
  },
  check({ settings }) {
    const use = sessionUse(settings);
    if (!use) return [];
    const s = settings.get("SESSION_COOKIE_SECURE");
    const j3 = judge(s, (v2) => !(v2.kind === "bool" && v2.value));
    if (j3.verdict === "none" || !j3.value) return [];
    const flagged = trueButNotTrue(j3.value);
    return [
      {
        subject: "SESSION_COOKIE_SECURE",
        djangoCheck: IDS2[use],
        loc: locOf(s, settings, j3.binding),
        severity: flagged ? "low" : void 0,
        message: flagged ? notBooleanMessage("SESSION_COOKIE_SECURE", j3.value, IDS2[use], origin(s, settings, j3.binding)) : `SESSION_COOKIE_SECURE ${j3.verdict === "possible" ? "can be" : "is"} ${show(j3.value)} in production, so the session cookie also travels over plain HTTP where it can be stolen (${origin(s, settings, j3.binding)}).`,
        fix: { description: "Set SESSION_COOKIE_SECURE = True in production settings.", replacement: literalFix(s, "True") }
      }
    ];
  }
};

// src/rules/ssl-redirect-disabled.ts
function wasOn2(base) {
  const v2 = base?.get("SECURE_SSL_REDIRECT").value;
  return v2?.kind === "bool" && v2.value;
}
var sslRedirectDisabled = {
  meta: {
    id: "ssl-redirect-disabled",
    severity: "medium",
    title: "HTTP requests are not redirected to HTTPS",
    django: ["security.W008"],
    docs: {
      what: "Finds production settings with SecurityMiddleware on and `SECURE_SSL_REDIRECT` not exactly `True`. In a diff, turning it off is the regression. If a proxy or load balancer already redirects, say so in a suppression.",
      why: "Without the redirect, a user who types the bare domain or follows an http:// link uses the site over plain HTTP, where cookies without the Secure flag and page content can be read and changed.",
      bad: 'SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)',
      fix: 'SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)'
    }
  },
  check({ settings, base }) {
    if (hasMiddleware(settings, SECURITY_MIDDLEWARE) !== true) return [];
    const s = settings.get("SECURE_SSL_REDIRECT");
    const j3 = judge(s, (v2) => !(v2.kind === "bool" && v2.value));
    if (j3.verdict === "none" || !j3.value) return [];
    const turnedOff = wasOn2(base);
    const flagged = trueButNotTrue(j3.value);
    return [
      {
        subject: "SECURE_SSL_REDIRECT",
        djangoCheck: "security.W008",
        loc: locOf(s, settings, j3.binding),
        severity: flagged ? "low" : void 0,
        message: flagged ? notBooleanMessage("SECURE_SSL_REDIRECT", j3.value, "security.W008", origin(s, settings, j3.binding)) : `SECURE_SSL_REDIRECT ${turnedOff ? "is turned off" : `${j3.verdict === "possible" ? "can be" : "is"} ${show(j3.value)}`} in production, so plain-HTTP requests are served instead of redirected to HTTPS (${origin(s, settings, j3.binding)}).`,
        fix: { description: "Set SECURE_SSL_REDIRECT = True (or redirect at the proxy and suppress this finding with the reason).", replacement: literalFix(s, "True") }
      }
    ];
  }
};

// src/rules/index.ts
var RULES = [
  debugEnabled,
  secretKeyHardcoded,
  secretKeyWeak,
  allowedHostsWildcard,
  allowedHostsEmpty,
  corsAllowAllOrigins,
  securityMiddlewareMissing,
  csrfMiddlewareMissing,
  clickjackingProtectionWeakened,
  sessionCookieInsecure,
  sessionCookieHttponlyDisabled,
  csrfCookieInsecure,
  cookieSamesiteNone,
  hstsWeakened,
  sslRedirectDisabled,
  contentTypeNosniffDisabled,
  referrerPolicyWeakened,
  crossOriginOpenerPolicyWeakened
];

// src/rules/catalog.ts
var RULE_METAS = [...RULES.map((r2) => r2.meta), ...FILE_RULES.map((r2) => r2.meta)];

// src/config/config.ts
var DEFAULT_CONFIG_PATH = ".github/django-security.yml";
function defaultConfig() {
  return { rules: {}, ignorePaths: [] };
}
var UsageError = class extends Error {
};
function loadConfig(path) {
  let text;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new UsageError(`${path}: cannot read the configuration file`);
  }
  return parseConfig(text, path);
}
function parseConfig(text, path) {
  const lineCounter = new import_yaml.LineCounter();
  const doc = (0, import_yaml.parseDocument)(text, { lineCounter, prettyErrors: false });
  const at2 = (offset) => `${path}:${offset === void 0 ? 1 : lineCounter.linePos(offset).line}`;
  if (doc.errors.length) throw new UsageError(`${at2(doc.errors[0].pos[0])}: ${doc.errors[0].message.split("\n")[0]}`);
  const config = defaultConfig();
  const root = doc.toJS();
  if (root === null || root === void 0) return config;
  if (typeof root !== "object" || Array.isArray(root)) throw new UsageError(`${at2(0)}: the configuration must be a mapping`);
  const offsetOf = (...keys) => {
    const node = doc.getIn(keys, true);
    return node?.range?.[0];
  };
  for (const [key, value] of Object.entries(root)) {
    if (key === "rules") {
      if (typeof value !== "object" || value === null || Array.isArray(value)) throw new UsageError(`${at2(offsetOf("rules"))}: rules must map rule ids to off or a severity`);
      for (const [id, setting] of Object.entries(value)) {
        if (!RULE_METAS.some((m2) => m2.id === id)) throw new UsageError(`${at2(offsetOf("rules", id))}: unknown rule id "${id}"`);
        const s = setting === false ? "off" : String(setting);
        if (s !== "off" && !SEVERITIES.includes(s)) throw new UsageError(`${at2(offsetOf("rules", id))}: rule ${id} must be off or one of ${SEVERITIES.join(", ")}`);
        config.rules[id] = s;
      }
    } else if (key === "ignore-paths") {
      if (!Array.isArray(value) || !value.every((v2) => typeof v2 === "string")) throw new UsageError(`${at2(offsetOf("ignore-paths"))}: ignore-paths must be a list of glob patterns`);
      config.ignorePaths = value;
    } else if (key === "fail-on") {
      const s = String(value);
      if (s !== "never" && !SEVERITIES.includes(s)) throw new UsageError(`${at2(offsetOf("fail-on"))}: fail-on must be one of ${SEVERITIES.join(", ")}, never`);
      config.failOn = s;
    } else throw new UsageError(`${at2(offsetOf(key))}: unknown key "${key}" (expected rules, ignore-paths, fail-on)`);
  }
  return config;
}
function globToRegExp(glob) {
  let re2 = "";
  for (let i2 = 0; i2 < glob.length; i2++) {
    const c3 = glob[i2];
    if (c3 === "*" && glob[i2 + 1] === "*") {
      re2 += ".*";
      i2++;
      if (glob[i2 + 1] === "/") i2++;
    } else if (c3 === "*") re2 += "[^/]*";
    else if (c3 === "?") re2 += "[^/]";
    else re2 += c3.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re2}$`);
}
function severityFor(config, ruleId, own) {
  const override = config.rules[ruleId];
  return override && override !== "off" ? override : own;
}

// src/report/outcome.ts
function failing(findings, failOn) {
  if (failOn === "never") return [];
  const threshold = severityRank(failOn);
  return findings.filter((f3) => severityRank(f3.severity) >= threshold && (f3.baselineState === void 0 || f3.baselineState === "new" || f3.baselineState === "updated"));
}
function summaryLine(findings, mode) {
  const open = findings.filter((f3) => f3.baselineState !== "absent");
  const bySeverity = SEVERITIES.map((s) => [s, open.filter((f3) => f3.severity === s).length]).filter(([, n2]) => n2 > 0);
  const counts = bySeverity.map(([s, n2]) => `${n2} ${s}`).join(", ");
  if (mode === "scan") return open.length ? `${open.length} finding${open.length === 1 ? "" : "s"} (${counts})` : "no findings";
  const n = (state) => findings.filter((f3) => f3.baselineState === state).length;
  const parts2 = [`${n("new")} new`, `${n("updated")} updated`, `${n("unchanged")} unchanged`, `${n("absent")} fixed`];
  return `${parts2.join(", ")}${counts ? ` (${counts})` : ""}`;
}

// src/version.ts
var TOOL_NAME = "django-security-review";
var TOOL_VERSION = "0.1.0";
var TOOL_URL = "https://github.com/django-security-review/django-security-review";

// src/report/json.ts
function formatJson(mode, findings, notices, summary, failed) {
  return JSON.stringify({ tool: TOOL_NAME, version: TOOL_VERSION, mode, summary, failed, findings, notices }, null, 2) + "\n";
}

// src/rules/docs.ts
function ruleDocsUrl(id) {
  return `${TOOL_URL}/blob/main/docs/rules/${id}.md`;
}
function ruleHelpText(meta) {
  return `${meta.docs.what.replace(/`/g, "")}

Why: ${meta.docs.why}

Fix:
${meta.docs.fix}`;
}
function ruleHelpMarkdown(meta) {
  return [
    `**${meta.title}** (\`${meta.id}\`, ${meta.severity}${meta.django.length ? `; Django ${meta.django.map((d2) => `\`${d2}\``).join(", ")}` : ""})`,
    "",
    meta.docs.what,
    "",
    `**Why it matters.** ${meta.docs.why}`,
    "",
    "**Reported:**",
    "```python",
    meta.docs.bad,
    "```",
    "**Instead:**",
    "```python",
    meta.docs.fix,
    "```"
  ].join("\n");
}

// src/report/sarif.ts
var LEVEL = { critical: "error", high: "error", medium: "warning", low: "note" };
var SECURITY_SEVERITY = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0" };
function toSarif(mode, findings, notices) {
  const rules = RULE_METAS.map((meta) => ({
    id: meta.id,
    name: meta.id.replace(/(^|-)([a-z])/g, (_3, __, c3) => c3.toUpperCase()),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.docs.what.replace(/`/g, "") },
    helpUri: ruleDocsUrl(meta.id),
    help: { text: ruleHelpText(meta), markdown: ruleHelpMarkdown(meta) },
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: { tags: ["security", "django"], precision: "high", "security-severity": SECURITY_SEVERITY[meta.severity], ...meta.django.length ? { djangoChecks: meta.django } : {} }
  }));
  const results = findings.map((f3) => ({
    ruleId: f3.ruleId,
    ruleIndex: RULE_METAS.findIndex((m2) => m2.id === f3.ruleId),
    level: LEVEL[f3.severity],
    message: { text: [f3.message, f3.fix ? `Fix: ${f3.fix.description}` : "", ...f3.notes].filter(Boolean).join(" ") },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(f3.path), uriBaseId: "%SRCROOT%" },
          region: { startLine: f3.line, endLine: Math.max(f3.line, f3.endLine), ...f3.evidence ? { snippet: { text: f3.evidence } } : {} }
        }
      }
    ],
    partialFingerprints: { "djangoSecurityReview/v1": f3.fingerprint },
    ...mode === "diff" && f3.baselineState ? { baselineState: f3.baselineState } : {},
    properties: { severity: f3.severity, "security-severity": SECURITY_SEVERITY[f3.severity], affected: f3.affected, ...f3.djangoCheck ? { djangoCheck: f3.djangoCheck } : {} }
  }));
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: TOOL_NAME, version: TOOL_VERSION, semanticVersion: TOOL_VERSION, informationUri: TOOL_URL, rules } },
        originalUriBaseIds: { "%SRCROOT%": { uri: "file:///" } },
        results,
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: notices.map((n) => ({
              level: "note",
              message: { text: n.message },
              ...n.path ? { locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(n.path), uriBaseId: "%SRCROOT%" }, ...n.line ? { region: { startLine: n.line } } : {} } }] } : {}
            }))
          }
        ]
      }
    ]
  };
}

// src/report/text.ts
import { styleText } from "node:util";
var SEVERITY_STYLE = { critical: ["bold", "red"], high: "red", medium: "yellow", low: "cyan" };
function frame(text, line2, paint) {
  if (text === void 0) return [];
  const lines = text.split(/\r?\n/);
  const from = Math.max(1, line2 - 1);
  const to2 = Math.min(lines.length, line2 + 1);
  const width = String(to2).length;
  const out2 = [];
  for (let n = from; n <= to2; n++) {
    const marker = n === line2 ? paint("red", ">") : " ";
    const body2 = (lines[n - 1] ?? "").slice(0, 160);
    out2.push(`  ${marker} ${paint("dim", String(n).padStart(width))} | ${n === line2 ? body2 : paint("dim", body2)}`);
  }
  return out2;
}
function formatText(findings, notices, summary, opts) {
  const paint = (s, t2) => opts.color ? styleText(s, t2, { validateStream: false }) : t2;
  const out2 = [];
  for (const f3 of findings) {
    const state = f3.baselineState ? `  [${f3.baselineState === "absent" ? "fixed" : f3.baselineState}]` : "";
    out2.push(`${paint("bold", `${f3.path}:${f3.line}`)}  ${paint(SEVERITY_STYLE[f3.severity], f3.severity.toUpperCase())}  ${f3.ruleId}${f3.djangoCheck ? ` (${f3.djangoCheck})` : ""}${state}`);
    out2.push(`  ${f3.message}`);
    out2.push(...frame(opts.source(f3.path, f3.baselineState === "absent" ? "base" : "head"), f3.line, paint));
    if (f3.fix && f3.baselineState !== "absent") {
      out2.push(`  ${paint("green", "Fix:")} ${f3.fix.description}`);
      if (f3.fix.replacement !== void 0) out2.push(`  ${paint("green", "+")} ${f3.fix.replacement.trim()}`);
    }
    for (const note of f3.notes) out2.push(`  ${paint("dim", note)}`);
    out2.push("");
  }
  for (const n of notices) out2.push(paint("dim", `notice: ${n.path ? `${n.path}${n.line ? `:${n.line}` : ""}: ` : ""}${n.message}`));
  if (notices.length) out2.push("");
  out2.push(paint("bold", summary));
  return out2.join("\n") + "\n";
}

// src/history.ts
import { spawn as spawn2 } from "node:child_process";
import { createHash } from "node:crypto";

// node_modules/@simple-git/args-pathspec/dist/index.mjs
var t = /* @__PURE__ */ new WeakMap();
function c(...n) {
  const e = new String(n);
  return t.set(e, n), e;
}
function r(n) {
  return n instanceof String && t.has(n);
}
function o(n) {
  return t.get(n) ?? [];
}

// node_modules/simple-git/dist/index.mjs
var import_file_exists = __toESM(require_dist2(), 1);
var import_debug = __toESM(require_src(), 1);
var import_promise_deferred = __toESM(require_dist3(), 1);
import { spawn as ve } from "node:child_process";
import { normalize as Se } from "node:path";

// node_modules/@simple-git/argv-parser/dist/index.mjs
function* x(e, n) {
  const t2 = n === "global";
  for (const o2 of e)
    o2.isGlobal === t2 && (yield o2);
}
var P = /* @__PURE__ */ new Set([
  "--add",
  "--edit",
  "--remove-section",
  "--rename-section",
  "--replace-all",
  "--unset",
  "--unset-all",
  "-e"
]);
var S = /* @__PURE__ */ new Set([
  "--get",
  "--get-all",
  "--get-color",
  "--get-colorbool",
  "--get-regexp",
  "--get-urlmatch",
  "--list",
  "-l"
]);
var E = /* @__PURE__ */ new Set([
  "edit",
  "remove-section",
  "rename-section",
  "set",
  "unset"
]);
var F = /* @__PURE__ */ new Set(["get", "get-color", "get-colorbool", "list"]);
function A(e, n) {
  for (const { name: o2 } of x(e, "task")) {
    if (P.has(o2))
      return w(true, n);
    if (S.has(o2))
      return w(false, n);
  }
  const t2 = n.at(0)?.toLowerCase();
  return t2 === void 0 ? null : E.has(t2) ? w(true, n.slice(1)) : F.has(t2) ? w(false, n.slice(1)) : n.length === 1 ? w(false, n) : w(true, n);
}
function w(e = false, n = []) {
  const t2 = n.at(0)?.toLowerCase();
  return t2 === void 0 ? null : {
    isWrite: e,
    isRead: !e,
    key: t2,
    value: n.at(1)
  };
}
function O(e, n) {
  return n.isWrite && n.value !== void 0 ? { key: n.key, value: n.value, scope: e } : { key: n.key, scope: e };
}
function G(e) {
  const n = e?.indexOf("=") || -1;
  return !e || n < 0 ? null : {
    key: e.slice(0, n).trim().toLowerCase(),
    value: e.slice(n + 1)
  };
}
function M(e) {
  for (const { name: n } of x(e, "task"))
    switch (n) {
      case "--global":
        return "global";
      case "--system":
        return "system";
      case "--worktree":
        return "worktree";
      case "--local":
        return "local";
      case "--file":
      case "-f":
        return "file";
    }
  return "local";
}
function N({ name: e }) {
  if (e === "-c" || e === "--config")
    return "inline";
  if (e === "--config-env")
    return "env";
}
function* $(e) {
  for (const n of e) {
    const t2 = N(n), o2 = t2 && G(n.value);
    o2 && (yield {
      ...o2,
      scope: t2
    });
  }
}
function D(e, n, t2) {
  const o2 = {
    read: [],
    write: [...$(n)]
  };
  return e === "config" && L(
    o2,
    M(n),
    A(n, t2)
  ), o2;
}
function L(e, n, t2) {
  if (t2 === null)
    return;
  const o2 = O(n, t2);
  t2.isWrite ? e.write.push(o2) : e.read.push(o2);
}
var C = {
  short: /* @__PURE__ */ new Map([
    ["c", true]
    //  -c <k=v>    set config key for this invocation
  ])
};
var I = {
  short: new Map([
    ["C", true],
    //  -C <path>   change working directory
    ["P", false],
    // -P          no pager (alias for --no-pager)
    ["h", false],
    // -h          help
    ["p", false],
    // -p          paginate
    ["v", false],
    // -v          version
    ...C.short.entries()
  ]),
  long: /* @__PURE__ */ new Set([
    "attr-source",
    "config-env",
    "exec-path",
    "git-dir",
    "list-cmds",
    "namespace",
    "super-prefix",
    "work-tree"
  ])
};
var R = {
  clone: {
    short: /* @__PURE__ */ new Map([
      ["b", true],
      // -b <branch>
      ["j", true],
      // -j <n>          parallel jobs
      ["l", false],
      // -l local
      ["n", false],
      // -n no-checkout
      ["o", true],
      // -o <name>       remote name
      ["q", false],
      // -q quiet
      ["s", false],
      // -s shared
      ["u", true]
      // -u <upload-pack>
    ]),
    long: /* @__PURE__ */ new Set(["branch", "config", "jobs", "origin", "upload-pack", "u", "template"])
  },
  commit: {
    short: /* @__PURE__ */ new Map([
      ["C", true],
      // -C <commit>  reuse message
      ["F", true],
      // -F <file>    read message from file
      ["c", true],
      // -c <commit>  reedit message
      ["m", true],
      // -m <msg>
      ["t", true]
      // -t <template>
    ]),
    long: /* @__PURE__ */ new Set(["file", "message", "reedit-message", "reuse-message", "template"])
  },
  config: {
    short: /* @__PURE__ */ new Map([
      ["e", false],
      // -e  open editor
      ["f", true],
      //  -f <file>
      ["l", false]
      // -l  list
    ]),
    long: /* @__PURE__ */ new Set(["blob", "comment", "default", "file", "type", "value"])
  },
  fetch: {
    short: /* @__PURE__ */ new Map(),
    long: /* @__PURE__ */ new Set(["upload-pack"])
  },
  init: {
    short: /* @__PURE__ */ new Map(),
    long: /* @__PURE__ */ new Set(["template"])
  },
  pull: {
    short: /* @__PURE__ */ new Map(),
    long: /* @__PURE__ */ new Set(["upload-pack"])
  },
  push: {
    short: /* @__PURE__ */ new Map(),
    long: /* @__PURE__ */ new Set(["exec", "receive-pack"])
  },
  rebase: {
    short: /* @__PURE__ */ new Map([
      ["X", true],
      // -X <option>   strategy option
      ["f", false],
      // -f force-rebase
      ["i", false],
      // -i interactive
      ["k", false],
      // -k keep-base
      ["m", false],
      // -m merge
      ["n", false],
      // -n no-stat
      ["q", false],
      // -q quiet
      ["r", false],
      // -r rebase-merges
      ["s", true],
      // -s <strategy>
      ["v", false],
      // -v verbose
      ["x", true]
      // -x <cmd>      exec
    ]),
    long: /* @__PURE__ */ new Set(["exec", "onto", "strategy", "strategy-option"])
  }
};
var T = { short: /* @__PURE__ */ new Map(), long: /* @__PURE__ */ new Set() };
function B(e) {
  const n = R[e ?? ""] ?? T;
  return {
    short: new Map([...C.short.entries(), ...n.short.entries()]),
    long: n.long
  };
}
function b(e, n = I) {
  if (e.startsWith("--")) {
    const t2 = e.indexOf("=");
    if (t2 > 2)
      return [{ name: e.slice(0, t2), value: e.slice(t2 + 1), needsNext: false }];
    const o2 = e.slice(2);
    return [{ name: e, needsNext: n.long.has(o2) }];
  }
  if (e.length === 2) {
    const t2 = e.charAt(1), o2 = n.short.get(t2);
    return [{ name: e, needsNext: o2 === true }];
  }
  return j(e, n.short);
}
function j(e, n) {
  const t2 = e.slice(1).split(""), o2 = [];
  for (let a = 0; a < t2.length; a++) {
    const s = t2[a], r2 = n.get(s);
    if (r2 === void 0)
      return [{ name: e, needsNext: false }];
    if (r2) {
      const i2 = t2.slice(a + 1).join("");
      if (i2 && ![...i2].every((m2) => n.has(m2)))
        return o2.push({ name: `-${s}`, value: i2, needsNext: false }), o2;
    }
    o2.push({ name: `-${s}`, needsNext: r2 });
  }
  return o2;
}
function W(e, n = []) {
  let t2 = 0;
  for (; t2 < e.length; ) {
    const o2 = String(e[t2]);
    if (!o2.startsWith("-") || o2.length < 2) break;
    const a = b(o2);
    let s = t2 + 1;
    for (const r2 of a) {
      const i2 = {
        name: r2.name,
        value: r2.value,
        absorbedNext: false,
        isGlobal: true
      };
      r2.needsNext && i2.value === void 0 && s < e.length && (i2.value = String(e[s]), i2.absorbedNext = true, s++), n.push(i2);
    }
    t2 = s;
  }
  return { flags: n, taskIndex: t2 };
}
function V(e, n, t2 = []) {
  const o2 = B(n), a = [], s = [];
  let r2 = 0;
  for (; r2 < e.length; ) {
    const i2 = e[r2];
    if (r(i2)) {
      s.push(...o(i2)), r2++;
      continue;
    }
    const p2 = String(i2);
    if (p2 === "--") {
      for (let d2 = r2 + 1; d2 < e.length; d2++) {
        const g2 = e[d2];
        r(g2) ? s.push(...o(g2)) : s.push(String(g2));
      }
      break;
    }
    if (!p2.startsWith("-") || p2.length < 2) {
      a.push(p2), r2++;
      continue;
    }
    const m2 = b(p2, o2);
    let u2 = r2 + 1;
    for (const d2 of m2) {
      const g2 = {
        name: d2.name,
        value: d2.value,
        absorbedNext: false,
        isGlobal: false
      };
      d2.needsNext && g2.value === void 0 && u2 < e.length && !r(e[u2]) && (g2.value = String(e[u2]), g2.absorbedNext = true, u2++), t2.push(g2);
    }
    r2 = u2;
  }
  return { flags: t2, positionals: a, pathspecs: s };
}
function* q({
  write: e
}) {
  for (const n of e)
    for (const t2 of K) {
      const o2 = t2(n.key);
      o2 && (yield o2);
    }
}
function f(e, n, t2 = String(e)) {
  const o2 = typeof e == "string" ? new RegExp(`\\s*${e.toLowerCase()}`) : e;
  return function(s) {
    if (o2.test(s))
      return {
        category: n,
        message: `Configuring ${t2} is not permitted without enabling ${n}`
      };
  };
}
function l(e, n) {
  const t2 = new RegExp(`\\s*${e.toLowerCase().replace(/\./g, "(..+)?.")}`);
  return f(t2, n, e);
}
var K = [
  f("alias", "allowUnsafeAlias"),
  f("core.askPass", "allowUnsafeAskPass"),
  f("core.editor", "allowUnsafeEditor"),
  f("core.fsmonitor", "allowUnsafeFsMonitor"),
  f("core.gitProxy", "allowUnsafeGitProxy"),
  f("core.hooksPath", "allowUnsafeHooksPath"),
  f("core.pager", "allowUnsafePager"),
  f("core.sshCommand", "allowUnsafeSshCommand"),
  l("credential.helper", "allowUnsafeCredentialHelper"),
  l("diff.command", "allowUnsafeDiffExternal"),
  f("diff.external", "allowUnsafeDiffExternal"),
  l("difftool.cmd", "allowUnsafeDiffExternal"),
  l("diff.textconv", "allowUnsafeDiffTextConv"),
  l("filter.clean", "allowUnsafeFilter"),
  l("filter.process", "allowUnsafeFilter"),
  l("filter.smudge", "allowUnsafeFilter"),
  l("gpg.program", "allowUnsafeGpgProgram"),
  f("include.path", "allowUnsafeInclude"),
  l("includeIf", "allowUnsafeInclude"),
  f("init.templateDir", "allowUnsafeTemplateDir"),
  l("pager.", "allowUnsafePager"),
  l("merge.driver", "allowUnsafeMergeDriver"),
  l("mergetool.path", "allowUnsafeMergeDriver"),
  l("mergetool.cmd", "allowUnsafeMergeDriver"),
  l("protocol.allow", "allowUnsafeProtocolOverride"),
  l("remote.receivepack", "allowUnsafePack"),
  l("remote.uploadpack", "allowUnsafePack"),
  f("uploadpack.packObjectsHook", "allowUnsafePack"),
  f("sequence.editor", "allowUnsafeEditor"),
  l("submodule.update", "allowUnsafeSubmodule"),
  l("tar.command", "allowUnsafeCommandBinaries"),
  l("trailer.cmd", "allowUnsafeCommandBinaries"),
  l("trailer.command", "allowUnsafeCommandBinaries"),
  l("url.insteadOf", "allowUnsafeUrlRewrite")
];
function* H(e, n) {
  for (const t2 of n)
    for (const o2 of X) {
      const a = o2(e, t2);
      a && (yield a);
    }
}
function c2(e, n, t2, { name: o2 = String(n), globalOnly: a = false, withValue: s = false } = {}) {
  const r2 = typeof n == "string" ? new RegExp(`\\s*${n.toLowerCase()}`) : n, i2 = `Use of ${e ? `${e} with option ` : ""}${o2} is not permitted without enabling ${t2}`;
  return function(m2, u2) {
    if (!(e && m2 !== e) && !(a && !u2.isGlobal) && !(s && u2.value === void 0) && r2.test(u2.name))
      return {
        category: t2,
        message: i2
      };
  };
}
var h = { globalOnly: true, withValue: true };
var X = [
  c2(null, /--(upload|receive)-pack/, "allowUnsafePack", {
    name: "--upload-pack or --receive-pack"
  }),
  c2("clone", /^-\w*u/, "allowUnsafePack"),
  c2("clone", "--u", "allowUnsafePack"),
  c2("push", /^--exec$/, "allowUnsafePack", { name: "--exec" }),
  // `git` accepts unambiguous abbreviations of long options, so `--ex` and `--exe` are `--exec`
  c2("rebase", /^(-x|--ex(ec?)?)$/, "allowUnsafeExec", { name: "-x or --exec" }),
  c2(null, "--template", "allowUnsafeTemplateDir"),
  c2(null, "--exec-path", "allowUnsafeExec", h),
  // `git` reads the configuration of whichever repository these name, so the
  // directory alone is enough to deliver config the argv guards never see
  c2(null, "--git-dir", "allowUnsafeConfigPaths", h),
  c2(null, "--work-tree", "allowUnsafeConfigPaths", h),
  c2(null, /^-C$/, "allowUnsafeConfigPaths", { ...h, name: "-C" })
];
function k(e, n, t2) {
  return [...H(e, n), ...q(t2)];
}
function Y(...e) {
  const { flags: n, taskIndex: t2 } = W(e), o2 = t2 < e.length ? String(e[t2]).toLowerCase() : null, a = o2 !== null ? e.slice(t2 + 1) : [], { positionals: s, pathspecs: r2 } = V(a, o2, n), i2 = D(o2, n, s);
  return {
    task: o2,
    flags: n.map(J),
    paths: r2,
    config: i2,
    vulnerabilities: z(k(o2, n, i2))
  };
}
function z(e) {
  return Object.defineProperty(e, "vulnerabilities", {
    value: e
  });
}
function J({ value: e, name: n }) {
  return e !== void 0 ? { name: n, value: e } : { name: n };
}
var y = {
  editor: "allowUnsafeEditor",
  git_askpass: "allowUnsafeAskPass",
  git_config_global: "allowUnsafeConfigPaths",
  git_config_system: "allowUnsafeConfigPaths",
  git_config_count: "allowUnsafeConfigEnvCount",
  git_config_parameters: "allowUnsafeConfigEnvCount",
  git_config: "allowUnsafeConfigPaths",
  git_editor: "allowUnsafeEditor",
  git_exec_path: "allowUnsafeExec",
  git_external_diff: "allowUnsafeDiffExternal",
  git_pager: "allowUnsafePager",
  git_proxy_command: "allowUnsafeGitProxy",
  git_template_dir: "allowUnsafeTemplateDir",
  git_sequence_editor: "allowUnsafeEditor",
  git_ssh: "allowUnsafeSshCommand",
  git_ssh_command: "allowUnsafeSshCommand",
  pager: "allowUnsafePager",
  prefix: "allowUnsafeConfigPaths",
  ssh_askpass: "allowUnsafeAskPass",
  visual: "allowUnsafeEditor"
};
function* Q(e) {
  const n = parseInt(e.git_config_count ?? "0", 10);
  for (let t2 = 0; t2 < n; t2++) {
    const o2 = e[`git_config_key_${t2}`], a = e[`git_config_value_${t2}`];
    o2 !== void 0 && (yield { key: o2.toLowerCase().trim(), value: a, scope: "env" });
  }
}
function* Z(e) {
  for (const n of Object.keys(e))
    if (_(n)) {
      const t2 = y[n];
      yield {
        category: t2,
        message: `Use of "${n.toUpperCase()}" is not permitted without enabling ${t2}`
      };
    }
}
function _(e) {
  return Object.hasOwn(y, e);
}
function ee(e) {
  const n = {};
  for (const [t2, o2] of Object.entries(e)) {
    const a = t2.toLowerCase().trim();
    (_(a) || a.startsWith("git")) && (n[a] = String(o2));
  }
  return n;
}
function ne(e) {
  const n = ee(e), t2 = {
    read: [],
    write: [...Q(n)]
  }, o2 = [
    ...Z(n),
    ...k(null, [], t2)
  ];
  return {
    config: t2,
    vulnerabilities: o2
  };
}
function oe(e, n) {
  return [...Y(...e).vulnerabilities, ...ne(n).vulnerabilities];
}

// node_modules/simple-git/dist/index.mjs
import { EventEmitter as Ce } from "node:events";
var O2 = class extends Error {
  constructor(e, n) {
    super(n), this.task = e, Object.setPrototypeOf(this, new.target.prototype);
  }
};
var Ae = class extends O2 {
  constructor(e, n) {
    super(void 0, n), this.config = e;
  }
};
var A2 = class extends O2 {
  constructor(e, n, r2) {
    super(e, r2), this.task = e, this.plugin = n, Object.setPrototypeOf(this, new.target.prototype);
  }
};
var at = class extends O2 {
  constructor(e, n) {
    super(void 0, n || String(e)), this.git = e;
  }
};
var xe = class extends O2 {
  constructor(e) {
    super(void 0, e);
  }
};
var I2 = "\0";
var W2 = () => {
};
function Ne(t2) {
  return typeof t2 != "function" ? W2 : t2;
}
function $e(t2) {
  return typeof t2 == "function" && t2 !== W2;
}
function Pe(t2, e) {
  const n = t2.indexOf(e);
  return n <= 0 ? [t2, ""] : [t2.substr(0, n), t2.substr(n + 1)];
}
function Me(t2, e = 0) {
  return Dt(t2) && t2.length > e ? t2[e] : void 0;
}
function N2(t2, e = 0) {
  if (Dt(t2) && t2.length > e)
    return t2[t2.length - 1 - e];
}
function Dt(t2) {
  return Bt(t2);
}
function H2(t2 = "", e = true, n = `
`) {
  return t2.split(n).reduce((r2, s) => {
    const o2 = e ? s.trim() : s;
    return o2 && r2.push(o2), r2;
  }, []);
}
function ut(t2, e) {
  return H2(t2, true).map((n) => e(n));
}
function Lt(t2) {
  return (0, import_file_exists.exists)(t2, import_file_exists.FOLDER);
}
function S2(t2, e) {
  return Array.isArray(t2) ? t2.includes(e) || t2.push(e) : t2.add(e), e;
}
function De(t2, e) {
  return Array.isArray(t2) && !t2.includes(e) && t2.push(e), t2;
}
function ct(t2, e) {
  if (Array.isArray(t2)) {
    const n = t2.indexOf(e);
    n >= 0 && t2.splice(n, 1);
  } else
    t2.delete(e);
  return e;
}
var ft = Object.prototype.toString.call.bind(Object.prototype.toString);
function v(t2) {
  return Array.isArray(t2) ? t2 : [t2];
}
function jt(t2) {
  return t2.replace(/[\s-]+(.)/g, (e, n) => n.toUpperCase());
}
function L2(t2) {
  return v(t2).map((e) => e instanceof String ? e : String(e));
}
function p(t2, e = 0) {
  if (t2 == null)
    return e;
  const n = parseInt(t2, 10);
  return Number.isNaN(n) ? e : n;
}
function U(t2, e) {
  const n = [];
  for (let r2 = 0, s = t2.length; r2 < s; r2++)
    n.push(e, t2[r2]);
  return n;
}
function F2(t2) {
  return (Array.isArray(t2) ? Buffer.concat(t2) : t2).toString("utf-8");
}
function Le(t2) {
  return t2 ? Buffer.isBuffer(t2) ? t2.length : Buffer.byteLength(t2) : 0;
}
function je(t2, e) {
  const n = {};
  return e.forEach((r2) => {
    t2[r2] !== void 0 && (n[r2] = t2[r2]);
  }), n;
}
function wt(t2 = 0) {
  return new Promise((e) => setTimeout(e, t2));
}
function bt(t2) {
  if (t2 !== false)
    return t2;
}
function d(t2, e, n) {
  return e(t2) ? t2 : arguments.length > 2 ? n : void 0;
}
var K2 = (t2) => Array.isArray(t2);
function st(t2, e) {
  const n = r(t2) ? "string" : typeof t2;
  return /number|string|boolean/.test(n) && (!e || !e.includes(n));
}
var m = (t2) => typeof t2 == "string" || r(t2);
var Be = (t2) => m(t2) || Buffer.isBuffer(t2);
var G2 = (t2) => m(t2) || Array.isArray(t2) && t2.every(m);
function lt(t2) {
  return !!t2 && ft(t2) === "[object Object]";
}
function Ie(t2) {
  return typeof t2 == "function";
}
var Bt = (t2) => t2 == null || "number|boolean|function".includes(typeof t2) ? false : typeof t2.length == "number";
var V2 = /* @__PURE__ */ ((t2) => (t2[t2.SUCCESS = 0] = "SUCCESS", t2[t2.ERROR = 1] = "ERROR", t2[t2.NOT_FOUND = -2] = "NOT_FOUND", t2[t2.UNCLEAN = 128] = "UNCLEAN", t2))(V2 || {});
var z2 = class _z {
  constructor(e, n) {
    this.stdOut = e, this.stdErr = n;
  }
  asStrings() {
    return new _z(this.stdOut.toString("utf8"), this.stdErr.toString("utf8"));
  }
};
function Ue() {
  throw new Error("LineParser:useMatches not implemented");
}
var l2 = class {
  constructor(e, n) {
    this.matches = [], this.useMatches = Ue, this.parse = (r2, s) => (this.resetMatches(), this._regExp.every((o2, i2) => this.addMatch(o2, i2, r2(i2))) ? this.useMatches(s, this.prepareMatches()) !== false : false), this._regExp = Array.isArray(e) ? e : [e], n && (this.useMatches = n);
  }
  resetMatches() {
    this.matches.length = 0;
  }
  prepareMatches() {
    return this.matches;
  }
  addMatch(e, n, r2) {
    const s = r2 && e.exec(r2);
    return s && this.pushMatch(n, s), !!s;
  }
  pushMatch(e, n) {
    this.matches.push(...n.slice(1));
  }
};
var x2 = class extends l2 {
  addMatch(e, n, r2) {
    return /^remote:\s/.test(String(r2)) && super.addMatch(e, n, r2);
  }
  pushMatch(e, n) {
    (e > 0 || n.length > 1) && super.pushMatch(e, n);
  }
};
var Fe = {
  binary: "git",
  maxConcurrentProcesses: 5,
  config: [],
  trimmed: false
};
function Ge(...t2) {
  const e = process.cwd(), n = Object.assign(
    { baseDir: e, ...Fe },
    ...t2.filter((r2) => typeof r2 == "object" && r2)
  );
  return n.baseDir = n.baseDir || e, n.trimmed = n.trimmed === true, n;
}
function It(t2, e = []) {
  return lt(t2) ? Object.keys(t2).reduce((n, r2) => {
    const s = t2[r2];
    if (r(s))
      n.push(s);
    else if (st(s, ["boolean"]))
      n.push(r2 + "=" + s);
    else if (Array.isArray(s))
      for (const o2 of s)
        st(o2, ["string", "number"]) || n.push(r2 + "=" + o2);
    else
      n.push(r2);
    return n;
  }, e) : e;
}
function h2(t2, e = 0, n = false) {
  const r2 = [];
  for (let s = 0, o2 = e < 0 ? t2.length : e; s < o2; s++)
    "string|number".includes(typeof t2[s]) && r2.push(String(t2[s]));
  return It(ht(t2), r2), n || r2.push(...ze(t2)), r2;
}
function ze(t2) {
  const e = typeof N2(t2) == "function";
  return L2(d(N2(t2, e ? 1 : 0), K2, []));
}
function ht(t2) {
  const e = Ie(N2(t2));
  return d(N2(t2, e ? 1 : 0), lt);
}
function u(t2, e = true) {
  const n = Ne(N2(t2));
  return e || $e(n) ? n : void 0;
}
function Tt(t2, e) {
  return t2(e.stdOut, e.stdErr);
}
function E2(t2, e, n, r2 = true) {
  return v(n).forEach((s) => {
    for (let o2 = H2(s, r2), i2 = 0, a = o2.length; i2 < a; i2++) {
      const c3 = (y2 = 0) => {
        if (!(i2 + y2 >= a))
          return o2[i2 + y2];
      };
      e.some(({ parse: y2 }) => y2(c3, t2));
    }
  }), t2;
}
var mt = ({ exitCode: t2 }, e, n, r2) => {
  if (t2 === V2.UNCLEAN && Ve(e))
    return n(Buffer.from("false"));
  r2(e);
};
var Ut = (t2) => t2.trim() === "true";
function We(t2) {
  switch (t2) {
    case "bare":
      return Ke();
    case "root":
      return He();
  }
  return {
    commands: ["rev-parse", "--is-inside-work-tree"],
    format: "utf-8",
    onError: mt,
    parser: Ut
  };
}
function He() {
  return {
    commands: ["rev-parse", "--git-dir"],
    format: "utf-8",
    onError: mt,
    parser(e) {
      return /^\.(git)?$/.test(e.trim());
    }
  };
}
function Ke() {
  return {
    commands: ["rev-parse", "--is-bare-repository"],
    format: "utf-8",
    onError: mt,
    parser: Ut
  };
}
function Ve(t2) {
  return /(Not a git repository|Kein Git-Repository)/i.test(String(t2));
}
var Xe = class {
  constructor(e) {
    this.paths = [], this.files = [], this.folders = [], this.dryRun = e;
  }
};
var Ye = /^[a-z]+\s*/i;
var Qe = /^[a-z]+\s+[a-z]+\s*/i;
var Je = /\/$/;
function Ze(t2, e) {
  const n = new Xe(t2), r2 = t2 ? Qe : Ye;
  return H2(e).forEach((s) => {
    const o2 = s.replace(r2, "");
    n.paths.push(o2), (Je.test(o2) ? n.folders : n.files).push(o2);
  }), n;
}
var Ft = [];
function tn(t2) {
  return {
    commands: Ft,
    format: "empty",
    parser: t2
  };
}
function b2(t2) {
  return {
    commands: Ft,
    format: "empty",
    parser() {
      throw typeof t2 == "string" ? new xe(t2) : t2;
    }
  };
}
function g(t2, e = false) {
  return {
    commands: t2,
    format: "utf-8",
    parser(n) {
      return e ? String(n).trim() : n;
    }
  };
}
function Gt(t2) {
  return {
    commands: t2,
    format: "buffer",
    parser(e) {
      return e;
    }
  };
}
function en(t2) {
  return t2.format === "buffer";
}
function kt(t2) {
  return t2.format === "empty" || !t2.commands.length;
}
var nn = "Git clean interactive mode is not supported";
var rn = 'Git clean mode parameter ("n" or "f") is required';
var sn = "Git clean unknown option found in: ";
var zt = /* @__PURE__ */ ((t2) => (t2.DRY_RUN = "n", t2.FORCE = "f", t2.IGNORED_INCLUDED = "x", t2.IGNORED_ONLY = "X", t2.EXCLUDING = "e", t2.QUIET = "q", t2.RECURSIVE = "d", t2))(zt || {});
var qt = /* @__PURE__ */ new Set([
  "i",
  ...L2(Object.values(zt))
]);
function on(t2, e) {
  const { cleanMode: n, options: r2, valid: s } = cn(t2);
  return n ? s.options ? (r2.push(...e), r2.some(hn) ? b2(nn) : an(n, r2)) : b2(sn + JSON.stringify(t2)) : b2(rn);
}
function an(t2, e) {
  return {
    commands: ["clean", `-${t2}`, ...e],
    format: "utf-8",
    parser(r2) {
      return Ze(t2 === "n", r2);
    }
  };
}
function un(t2) {
  return Array.isArray(t2) && t2.every((e) => qt.has(e));
}
function cn(t2) {
  let e, n = [], r2 = { cleanMode: false, options: true };
  return t2.replace(/[^a-z]i/g, "").split("").forEach((s) => {
    fn(s) ? (e = s, r2.cleanMode = true) : r2.options = r2.options && ln(n[n.length] = `-${s}`);
  }), {
    cleanMode: e,
    options: n,
    valid: r2
  };
}
function fn(t2) {
  return t2 === "f" || t2 === "n";
}
function ln(t2) {
  return /^-[a-z]$/i.test(t2) && qt.has(t2.charAt(1));
}
function hn(t2) {
  return /^-[^\-]/.test(t2) ? t2.indexOf("i") > 0 : t2 === "--interactive";
}
var mn = class {
  constructor() {
    this.files = [], this.values = /* @__PURE__ */ Object.create(null);
  }
  get all() {
    return this._all || (this._all = this.files.reduce((e, n) => Object.assign(e, this.values[n]), {})), this._all;
  }
  addFile(e) {
    if (!(e in this.values)) {
      const n = N2(this.files);
      this.values[e] = n ? Object.create(this.values[n]) : {}, this.files.push(e);
    }
    return this.values[e];
  }
  addValue(e, n, r2) {
    const s = this.addFile(e);
    Object.hasOwn(s, n) ? Array.isArray(s[n]) ? s[n].push(r2) : s[n] = [s[n], r2] : s[n] = r2, this._all = void 0;
  }
};
function pn(t2) {
  const e = new mn();
  for (const n of Wt(t2))
    e.addValue(n.file, String(n.key), n.value);
  return e;
}
function dn(t2, e) {
  let n = null;
  const r2 = [], s = /* @__PURE__ */ new Map();
  for (const o2 of Wt(t2, e))
    o2.key === e && (r2.push(n = o2.value), s.has(o2.file) || s.set(o2.file, []), s.get(o2.file).push(n));
  return {
    key: e,
    paths: Array.from(s.keys()),
    scopes: s,
    value: n,
    values: r2
  };
}
function gn(t2) {
  return t2.replace(/^(file):/, "");
}
function* Wt(t2, e = null) {
  const n = t2.split("\0");
  for (let r2 = 0, s = n.length - 1; r2 < s; ) {
    const o2 = gn(n[r2++]);
    let i2 = n[r2++], a = e;
    if (i2.includes(`
`)) {
      const c3 = Pe(i2, `
`);
      a = c3[0], i2 = c3[1];
    }
    yield { file: o2, key: a, value: i2 };
  }
}
var Ht = /* @__PURE__ */ ((t2) => (t2.system = "system", t2.global = "global", t2.local = "local", t2.worktree = "worktree", t2))(Ht || {});
function Y2(t2, e) {
  return typeof t2 == "string" && Object.hasOwn(Ht, t2) ? t2 : e;
}
function yn(t2, e, n, r2) {
  const s = ["config", `--${r2}`];
  return n && s.push("--add"), s.push(t2, e), {
    commands: s,
    format: "utf-8",
    parser(o2) {
      return o2;
    }
  };
}
function wn(t2, e) {
  const n = ["config", "--null", "--show-origin", "--get-all", t2];
  return e && n.splice(1, 0, `--${e}`), {
    commands: n,
    format: "utf-8",
    parser(r2) {
      return dn(r2, t2);
    }
  };
}
function bn(t2) {
  const e = ["config", "--list", "--show-origin", "--null"];
  return t2 && e.push(`--${t2}`), {
    commands: e,
    format: "utf-8",
    parser(n) {
      return pn(n);
    }
  };
}
function Tn() {
  return {
    addConfig(t2, e, ...n) {
      return this._runTask(
        yn(
          t2,
          e,
          n[0] === true,
          Y2(
            n[1],
            "local"
            /* local */
          )
        ),
        u(arguments)
      );
    },
    getConfig(t2, e) {
      return this._runTask(
        wn(t2, Y2(e, void 0)),
        u(arguments)
      );
    },
    listConfig(...t2) {
      return this._runTask(
        bn(Y2(t2[0], void 0)),
        u(arguments)
      );
    }
  };
}
var Kt = /* @__PURE__ */ ((t2) => (t2.ADDED = "A", t2.COPIED = "C", t2.DELETED = "D", t2.MODIFIED = "M", t2.RENAMED = "R", t2.CHANGED = "T", t2.UNMERGED = "U", t2.UNKNOWN = "X", t2.BROKEN = "B", t2))(Kt || {});
var kn = new Set(Object.values(Kt));
function _n(t2) {
  return kn.has(t2);
}
var _t;
var vn = ["-h"];
var j2 = /* @__PURE__ */ Symbol("grepQuery");
var En = class {
  constructor() {
    this[_t] = [];
  }
  *[(_t = j2, Symbol.iterator)]() {
    for (const e of this[j2])
      yield e;
  }
  and(...e) {
    return e.length && this[j2].push("--and", "(", ...U(e, "-e"), ")"), this;
  }
  param(...e) {
    return this[j2].push(...U(e, "-e")), this;
  }
};
function Sn(...t2) {
  return new En().param(...t2);
}
function Rn(t2) {
  const e = /* @__PURE__ */ new Set(), n = {};
  return ut(t2, (r2) => {
    const [s, o2, i2] = r2.split(I2);
    e.add(s), (n[s] = n[s] || []).push({
      line: p(o2),
      path: s,
      preview: i2
    });
  }), {
    paths: e,
    results: n
  };
}
function On() {
  return {
    grep(t2) {
      const e = u(arguments), n = h2(arguments);
      for (const s of vn)
        if (n.includes(s))
          return this._runTask(
            b2(`git.grep: use of "${s}" is not supported.`),
            e
          );
      typeof t2 == "string" && (t2 = Sn().param(t2));
      const r2 = ["grep", "--null", "-n", "--full-name", ...n, ...t2];
      return this._runTask(
        {
          commands: r2,
          format: "utf-8",
          parser(s) {
            return Rn(s);
          }
        },
        e
      );
    }
  };
}
var Vt = /* @__PURE__ */ ((t2) => (t2.MIXED = "mixed", t2.SOFT = "soft", t2.HARD = "hard", t2.MERGE = "merge", t2.KEEP = "keep", t2))(Vt || {});
var Cn = L2(Object.values(Vt));
function An(t2, e) {
  const n = ["reset"];
  return Xt(t2) && n.push(`--${t2}`), n.push(...e), g(n);
}
function xn(t2) {
  if (Xt(t2))
    return t2;
  switch (typeof t2) {
    case "string":
    case "undefined":
      return "soft";
  }
}
function Xt(t2) {
  return typeof t2 == "string" && Cn.includes(t2);
}
import_debug.default.formatters.L = (t2) => String(Bt(t2) ? t2.length : "-");
import_debug.default.formatters.B = (t2) => Buffer.isBuffer(t2) ? t2.toString("utf8") : ft(t2);
function Nn() {
  return (0, import_debug.default)("simple-git");
}
function vt(t2, e, n) {
  return !e || !String(e).replace(/\s*/, "") ? n ? (r2, ...s) => {
    t2(r2, ...s), n(r2, ...s);
  } : t2 : (r2, ...s) => {
    t2(`%s ${r2}`, e, ...s), n && n(r2, ...s);
  };
}
function $n(t2, e, { namespace: n }) {
  if (typeof t2 == "string")
    return t2;
  const r2 = e && e.namespace || "";
  return r2.startsWith(n) ? r2.substr(n.length + 1) : r2 || n;
}
function $2(t2, e, n, r2 = Nn()) {
  const s = t2 && `[${t2}]` || "", o2 = [], i2 = typeof e == "string" ? r2.extend(e) : e, a = $n(d(e, m), i2, r2);
  return y2(n);
  function c3(w2, T2) {
    return S2(
      o2,
      $2(t2, a.replace(/^[^:]+/, w2), T2, r2)
    );
  }
  function y2(w2) {
    const T2 = w2 && `[${w2}]` || "", k2 = i2 && vt(i2, T2) || W2, C3 = vt(r2, `${s} ${T2}`, k2);
    return Object.assign(i2 ? k2 : C3, {
      label: t2,
      sibling: c3,
      info: C3,
      step: y2
    });
  }
}
var M2 = class M3 {
  constructor(e = "GitExecutor") {
    this.logLabel = e, this._queue = /* @__PURE__ */ new Map();
  }
  withProgress(e) {
    return this._queue.get(e);
  }
  createProgress(e) {
    const n = M3.getName(e.commands[0]), r2 = $2(this.logLabel, n);
    return {
      task: e,
      logger: r2,
      name: n
    };
  }
  push(e) {
    const n = this.createProgress(e);
    return n.logger("Adding task to the queue, commands = %o", e.commands), this._queue.set(e, n), n;
  }
  fatal(e) {
    for (const [n, { logger: r2 }] of Array.from(this._queue.entries()))
      n === e.task ? (r2.info("Failed %o", e), r2(
        "Fatal exception, any as-yet un-started tasks run through this executor will not be attempted"
      )) : r2.info(
        "A fatal exception occurred in a previous task, the queue has been purged: %o",
        e.message
      ), this.complete(n);
    if (this._queue.size !== 0)
      throw new Error(`Queue size should be zero after fatal: ${this._queue.size}`);
  }
  complete(e) {
    this.withProgress(e) && this._queue.delete(e);
  }
  attempt(e) {
    const n = this.withProgress(e);
    if (!n)
      throw new O2(void 0, "TasksPendingQueue: attempt called for an unknown task");
    return n.logger("Starting task"), n;
  }
  static getName(e = "empty") {
    return `task:${e}:${++M3.counter}`;
  }
};
M2.counter = 0;
var ot = M2;
var Pn = class {
  constructor(e, n, r2) {
    this._executor = e, this._scheduler = n, this._plugins = r2, this._chain = Promise.resolve(), this._queue = new ot();
  }
  get cwd() {
    return this._cwd || this._executor.cwd;
  }
  set cwd(e) {
    this._cwd = e;
  }
  get env() {
    return this._executor.env;
  }
  get outputHandler() {
    return this._executor.outputHandler;
  }
  chain() {
    return this;
  }
  push(e) {
    return this._queue.push(e), this._chain = this._chain.then(() => this.attemptTask(e));
  }
  async attemptTask(e) {
    const n = await this._scheduler.next(), r2 = () => this._queue.complete(e);
    try {
      const { logger: s } = this._queue.attempt(e);
      return await (kt(e) ? this.attemptEmptyTask(e, s) : this.attemptRemoteTask(e, s));
    } catch (s) {
      throw this.onFatalException(e, s);
    } finally {
      r2(), n();
    }
  }
  onFatalException(e, n) {
    const r2 = n instanceof O2 ? Object.assign(n, { task: e }) : new O2(e, n && String(n));
    return this._chain = Promise.resolve(), this._queue.fatal(r2), r2;
  }
  async attemptRemoteTask(e, n) {
    const r2 = this._plugins.exec("spawn.binary", "", this.taskContext(e, e.commands)), s = this._plugins.exec(
      "spawn.args",
      [...e.commands],
      this.taskContext(e, e.commands)
    ), o2 = await this.gitResponse(
      e,
      r2,
      s,
      this.outputHandler,
      n.step("SPAWN")
    ), i2 = await this.handleTaskData(e, s, o2, n.step("HANDLE"));
    return n("passing response to task's parser as a %s", e.format), en(e) ? Tt(e.parser, i2) : Tt(e.parser, i2.asStrings());
  }
  async attemptEmptyTask(e, n) {
    return n("empty task bypassing child process to call to task's parser"), e.parser(this);
  }
  handleTaskData(e, n, r2, s) {
    const { exitCode: o2, rejection: i2, stdOut: a, stdErr: c3 } = r2;
    return new Promise((y2, w2) => {
      s("Preparing to handle process response exitCode=%d stdOut=", o2);
      const { error: T2 } = this._plugins.exec(
        "task.error",
        { error: i2 },
        {
          ...this.taskContext(e, n),
          ...r2
        }
      );
      if (T2 && e.onError)
        return s.info("exitCode=%s handling with custom error handler"), e.onError(
          r2,
          T2,
          (k2) => {
            s.info("custom error handler treated as success"), s("custom error returned a %s", ft(k2)), y2(
              new z2(
                Array.isArray(k2) ? Buffer.concat(k2) : k2,
                Buffer.concat(c3)
              )
            );
          },
          w2
        );
      if (T2)
        return s.info(
          "handling as error: exitCode=%s stdErr=%s rejection=%o",
          o2,
          c3.length,
          i2
        ), w2(T2);
      s.info("retrieving task output complete"), y2(new z2(Buffer.concat(a), Buffer.concat(c3)));
    });
  }
  async gitResponse(e, n, r2, s, o2) {
    const i2 = o2.sibling("output"), a = this._plugins.exec(
      "spawn.options",
      {
        cwd: this.cwd,
        env: this.env,
        windowsHide: true
      },
      this.taskContext(e, e.commands)
    );
    return new Promise((c3) => {
      const y2 = [], w2 = [];
      o2.info("%s %o", n, r2), o2("%O", a);
      let T2 = this._beforeSpawn(e, r2);
      if (T2)
        return c3({
          stdOut: y2,
          stdErr: w2,
          exitCode: 9901,
          rejection: T2
        });
      this._plugins.exec("spawn.before", void 0, {
        ...this.taskContext(e, r2),
        kill(C3) {
          T2 = C3 || T2;
        }
      });
      const k2 = ve(n, r2, a);
      k2.stdout.on(
        "data",
        Et(y2, "stdOut", o2, i2.step("stdOut"))
      ), k2.stderr.on(
        "data",
        Et(w2, "stdErr", o2, i2.step("stdErr"))
      ), k2.on("error", Mn(w2, o2)), s && (o2("Passing child process stdOut/stdErr to custom outputHandler"), s(n, k2.stdout, k2.stderr, [...r2])), this._plugins.exec("spawn.after", void 0, {
        ...this.taskContext(e, r2),
        spawned: k2,
        close(C3, Te) {
          c3({
            stdOut: y2,
            stdErr: w2,
            exitCode: C3,
            rejection: T2 || Te
          });
        },
        kill(C3) {
          k2.killed || (T2 = C3, k2.kill("SIGINT"));
        }
      });
    });
  }
  _beforeSpawn(e, n) {
    let r2;
    return this._plugins.exec("spawn.before", void 0, {
      ...this.taskContext(e, n),
      kill(s) {
        r2 = s || r2;
      }
    }), r2;
  }
  taskContext(e, n) {
    return {
      method: String(Me(e.commands) || ""),
      commands: n,
      env: { ...this.env },
      input: kt(e) ? void 0 : e.input
    };
  }
};
function Mn(t2, e) {
  return (n) => {
    e("[ERROR] child process exception %o", n), t2.push(Buffer.from(String(n.stack), "ascii"));
  };
}
function Et(t2, e, n, r2) {
  return (s) => {
    n("%s received %L bytes", e, s), r2("%B", s), t2.push(s);
  };
}
var Dn = class {
  constructor(e, n, r2) {
    this.cwd = e, this._scheduler = n, this._plugins = r2, this._chain = this.chain();
  }
  chain() {
    return new Pn(this, this._scheduler, this._plugins);
  }
  push(e) {
    return this._chain.push(e);
  }
};
function Ln(t2, e, n = W2) {
  const r2 = (o2) => {
    n(null, o2);
  }, s = (o2) => {
    o2?.task === t2 && n(o2, void 0);
  };
  e.then(r2, s);
}
function St(t2, e) {
  return tn((n) => {
    if (!Lt(t2))
      throw new Error(`Git.cwd: cannot change to non-directory "${t2}"`);
    return (e || n).cwd = t2;
  });
}
function Q2(t2) {
  const e = ["checkout", ...t2];
  return e[1] === "-b" && e.includes("-B") && (e[1] = ct(e, "-B")), g(e);
}
function jn() {
  return {
    checkout() {
      return this._runTask(
        Q2(h2(arguments, 1)),
        u(arguments)
      );
    },
    checkoutBranch(t2, e) {
      return this._runTask(
        Q2(["-b", t2, e, ...h2(arguments)]),
        u(arguments)
      );
    },
    checkoutLocalBranch(t2) {
      return this._runTask(
        Q2(["-b", t2, ...h2(arguments)]),
        u(arguments)
      );
    }
  };
}
var Yt = (t2, e, n) => {
  const r2 = ["clone", ...n];
  return m(t2) && r2.push(c(t2)), m(e) && r2.push(c(e)), g(r2);
};
var Bn = (t2, e, n) => (S2(n, "--mirror"), Yt(t2, e, n));
function Rt(t2, e, n, ...r2) {
  return m(n) ? e(n, d(r2[0], m), h2(arguments)) : b2(`git.${t2}() requires a string 'repoPath'`);
}
function In() {
  return {
    clone(t2, ...e) {
      return this._runTask(
        Rt("clone", Yt, d(t2, m), ...e),
        u(arguments)
      );
    },
    mirror(t2, ...e) {
      return this._runTask(
        Rt("mirror", Bn, d(t2, m), ...e),
        u(arguments)
      );
    }
  };
}
var Un = [
  new l2(/^\[([^\s]+)( \([^)]+\))? ([^\]]+)/, (t2, [e, n, r2]) => {
    t2.branch = e, t2.commit = r2, t2.root = !!n;
  }),
  new l2(/\s*Author:\s(.+)/i, (t2, [e]) => {
    const n = e.split("<"), r2 = n.pop();
    !r2 || !r2.includes("@") || (t2.author = {
      email: r2.substr(0, r2.length - 1),
      name: n.join("<").trim()
    });
  }),
  new l2(
    /(\d+)[^,]*(?:,\s*(\d+)[^,]*)(?:,\s*(\d+))/g,
    (t2, [e, n, r2]) => {
      t2.summary.changes = parseInt(e, 10) || 0, t2.summary.insertions = parseInt(n, 10) || 0, t2.summary.deletions = parseInt(r2, 10) || 0;
    }
  ),
  new l2(
    /^(\d+)[^,]*(?:,\s*(\d+)[^(]+\(([+-]))?/,
    (t2, [e, n, r2]) => {
      t2.summary.changes = parseInt(e, 10) || 0;
      const s = parseInt(n, 10) || 0;
      r2 === "-" ? t2.summary.deletions = s : r2 === "+" && (t2.summary.insertions = s);
    }
  )
];
function Fn(t2) {
  return E2({
    author: null,
    branch: "",
    commit: "",
    root: false,
    summary: {
      changes: 0,
      insertions: 0,
      deletions: 0
    }
  }, Un, t2);
}
function Gn(t2, e, n) {
  return {
    commands: [
      "-c",
      "core.abbrev=40",
      "commit",
      ...U(t2, "-m"),
      ...e,
      ...n
    ],
    format: "utf-8",
    parser: Fn
  };
}
function zn() {
  return {
    commit(e, ...n) {
      const r2 = u(arguments), s = t2(e) || Gn(
        v(e),
        v(d(n[0], G2, [])),
        [
          ...L2(d(n[1], K2, [])),
          ...h2(arguments, 0, true)
        ]
      );
      return this._runTask(s, r2);
    }
  };
  function t2(e) {
    return !G2(e) && b2(
      "git.commit: requires the commit message to be supplied as a string/string[]"
    );
  }
}
function qn() {
  return {
    count: 0,
    garbage: 0,
    inPack: 0,
    packs: 0,
    prunePackable: 0,
    size: 0,
    sizeGarbage: 0,
    sizePack: 0
  };
}
var Wn = new l2(
  /([a-z-]+): (\d+)$/,
  (t2, [e, n]) => {
    const r2 = jt(e);
    Object.hasOwn(t2, r2) && (t2[r2] = p(n));
  }
);
function Hn() {
  return {
    countObjects() {
      return this._runTask({
        commands: ["count-objects", "--verbose"],
        format: "utf-8",
        parser(t2) {
          return E2(qn(), [Wn], t2);
        }
      });
    }
  };
}
function Kn() {
  return {
    firstCommit() {
      return this._runTask(
        g(["rev-list", "--max-parents=0", "HEAD"], true),
        u(arguments)
      );
    }
  };
}
function Vn(t2, e) {
  const n = ["hash-object", t2];
  return e && n.push("-w"), g(n, true);
}
var J2 = class {
  constructor(e, n, r2, s) {
    this.bare = e, this.path = n, this.existing = r2, this.gitDir = s;
  }
};
var Xn = /^Init.+ repository in (.+)$/;
var Yn = /^Rein.+ in (.+)$/;
function Qn(t2, e, n) {
  const r2 = String(n).trim();
  let s;
  if (s = Xn.exec(r2))
    return new J2(t2, e, false, s[1]);
  if (s = Yn.exec(r2))
    return new J2(t2, e, true, s[1]);
  let o2 = "";
  const i2 = r2.split(" ");
  for (; i2.length; )
    if (i2.shift() === "in") {
      o2 = i2.join(" ");
      break;
    }
  return new J2(t2, e, /^re/i.test(r2), o2);
}
var Qt = "--bare";
function Jn(t2) {
  return t2.includes(Qt);
}
function Zn(t2 = false, e, n) {
  const r2 = ["init", ...n];
  return t2 && !Jn(r2) && r2.splice(1, 0, Qt), {
    commands: r2,
    format: "utf-8",
    parser(s) {
      return Qn(r2.includes("--bare"), e, s);
    }
  };
}
function tr(t2) {
  return t2 === void 0 ? b2("interpretTrailers called without input content") : {
    format: "utf-8",
    parser(e) {
      return Object.fromEntries(
        ut(e, (n) => {
          const r2 = n.indexOf(":");
          return [
            jt(n.substring(0, r2).toLowerCase()),
            n.substring(r2 + 2).trim()
          ];
        })
      );
    },
    commands: ["interpret-trailers", "--parse"],
    input: t2
  };
}
function er() {
  return {
    interpretTrailers(t2) {
      return this._runTask(
        tr(d(t2, Be)),
        u(arguments)
      );
    }
  };
}
var R2 = /* @__PURE__ */ ((t2) => (t2.NONE = "", t2.STAT = "--stat", t2.NUM_STAT = "--numstat", t2.NAME_ONLY = "--name-only", t2.NAME_STATUS = "--name-status", t2))(R2 || {});
var Jt = /^--(stat|numstat|name-only|name-status)(=|$)/;
function pt(t2) {
  for (let e = 0; e < t2.length; e++) {
    const n = Jt.exec(t2[e]);
    if (n)
      return `--${n[1]}`;
  }
  return "";
}
function nr(t2) {
  return Jt.test(t2);
}
var rr = class {
  constructor() {
    this.changed = 0, this.deletions = 0, this.insertions = 0, this.files = [];
  }
};
var Ot = [
  new l2(
    /^(.+)\s+\|\s+(\d+)(\s+[+\-]+)?$/,
    (t2, [e, n, r2 = ""]) => {
      t2.files.push({
        file: e.trim(),
        changes: p(n),
        insertions: r2.replace(/[^+]/g, "").length,
        deletions: r2.replace(/[^-]/g, "").length,
        binary: false
      });
    }
  ),
  new l2(
    /^(.+) \|\s+Bin ([0-9.]+) -> ([0-9.]+) ([a-z]+)/,
    (t2, [e, n, r2]) => {
      t2.files.push({
        file: e.trim(),
        before: p(n),
        after: p(r2),
        binary: true
      });
    }
  ),
  new l2(/^(.+)\s+\|\s+Bin\s*$/, (t2, [e]) => {
    t2.files.push({
      file: e.trim(),
      before: 0,
      after: 0,
      binary: true
    });
  }),
  new l2(
    /(\d+) files? changed\s*((?:, \d+ [^,]+){0,2})/,
    (t2, [e, n]) => {
      const r2 = /(\d+) i/.exec(n), s = /(\d+) d/.exec(n);
      t2.changed = p(e), t2.insertions = p(r2?.[1]), t2.deletions = p(s?.[1]);
    }
  )
];
var sr = [
  new l2(
    /(\d+)\t(\d+)\t(.+)$/,
    (t2, [e, n, r2]) => {
      const s = p(e), o2 = p(n);
      t2.changed++, t2.insertions += s, t2.deletions += o2, t2.files.push({
        file: r2,
        changes: s + o2,
        insertions: s,
        deletions: o2,
        binary: false
      });
    }
  ),
  new l2(/-\t-\t(.+)$/, (t2, [e]) => {
    t2.changed++, t2.files.push({
      file: e,
      after: 0,
      before: 0,
      binary: true
    });
  })
];
var or = [
  new l2(/(.+)$/, (t2, [e]) => {
    t2.changed++, t2.files.push({
      file: e,
      changes: 0,
      insertions: 0,
      deletions: 0,
      binary: false
    });
  })
];
var ir = [
  new l2(
    /([ACDMRTUXB])([0-9]{0,3})\t(.[^\t]*)(\t(.[^\t]*))?$/,
    (t2, [e, n, r2, s, o2]) => {
      t2.changed++, t2.files.push({
        file: o2 ?? r2,
        changes: 0,
        insertions: 0,
        deletions: 0,
        binary: false,
        status: bt(_n(e) && e),
        from: bt(!!o2 && r2 !== o2 && r2),
        similarity: p(n)
      });
    }
  )
];
var ar = {
  [R2.NONE]: Ot,
  [R2.STAT]: Ot,
  [R2.NUM_STAT]: sr,
  [R2.NAME_STATUS]: ir,
  [R2.NAME_ONLY]: or
};
function Zt(t2 = R2.NONE) {
  const e = ar[t2];
  return (n) => E2(new rr(), e, n, false);
}
var te = "\xF2\xF2\xF2\xF2\xF2\xF2 ";
var ee2 = " \xF2\xF2";
var ne2 = " \xF2 ";
var ur = ["hash", "date", "message", "refs", "author_name", "author_email"];
function cr(t2, e) {
  return e.reduce(
    (n, r2, s) => (n[r2] = t2[s] || "", n),
    /* @__PURE__ */ Object.create({ diff: null })
  );
}
function re(t2 = ne2, e = ur, n = R2.NONE) {
  const r2 = Zt(n);
  return function(s) {
    const o2 = H2(
      s.trim(),
      false,
      te
    ).map(function(i2) {
      const a = i2.split(ee2), c3 = cr(a[0].split(t2), e);
      return a.length > 1 && a[1].trim() && (c3.diff = r2(a[1])), c3;
    });
    return {
      all: o2,
      latest: o2.length && o2[0] || null,
      total: o2.length
    };
  };
}
function fr(t2) {
  let e = pt(t2);
  const n = ["diff"];
  return e === R2.NONE && (e = R2.STAT, n.push("--stat=4096")), n.push(...t2), dt(n) || {
    commands: n,
    format: "utf-8",
    parser: Zt(e)
  };
}
function dt(t2) {
  const e = t2.filter(nr);
  if (e.length > 1)
    return b2(
      `Summary flags are mutually exclusive - pick one of ${e.join(",")}`
    );
  if (e.length && t2.includes("-z"))
    return b2(
      `Summary flag ${e} parsing is not compatible with null termination option '-z'`
    );
}
var se = /* @__PURE__ */ ((t2) => (t2[t2["--pretty"] = 0] = "--pretty", t2[t2["max-count"] = 1] = "max-count", t2[t2.maxCount = 2] = "maxCount", t2[t2.n = 3] = "n", t2[t2.file = 4] = "file", t2[t2.format = 5] = "format", t2[t2.from = 6] = "from", t2[t2.to = 7] = "to", t2[t2.splitter = 8] = "splitter", t2[t2.symmetric = 9] = "symmetric", t2[t2.mailMap = 10] = "mailMap", t2[t2.multiLine = 11] = "multiLine", t2[t2.strictDate = 12] = "strictDate", t2))(se || {});
function lr(t2, e) {
  const n = [], r2 = [];
  return Object.keys(t2).forEach((s) => {
    n.push(s), r2.push(String(t2[s]));
  }), [n, r2.join(e)];
}
function hr(t2) {
  return Object.keys(t2).reduce((e, n) => (n in se || (e[n] = t2[n]), e), {});
}
function oe2(t2 = {}, e = []) {
  const n = d(t2.splitter, m, ne2), r2 = lt(t2.format) ? t2.format : {
    hash: "%H",
    date: t2.strictDate === false ? "%ai" : "%aI",
    message: "%s",
    refs: "%D",
    body: t2.multiLine ? "%B" : "%b",
    author_name: t2.mailMap !== false ? "%aN" : "%an",
    author_email: t2.mailMap !== false ? "%aE" : "%ae"
  }, [s, o2] = lr(r2, n), i2 = [], a = [
    `--pretty=format:${te}${o2}${ee2}`,
    ...e
  ], c3 = t2.n || t2["max-count"] || t2.maxCount;
  if (c3 && a.push(`--max-count=${c3}`), t2.from || t2.to) {
    const y2 = t2.symmetric !== false ? "..." : "..";
    i2.push(`${t2.from || ""}${y2}${t2.to || ""}`);
  }
  return m(t2.file) && a.push("--follow", c(t2.file)), It(hr(t2), a), {
    fields: s,
    splitter: n,
    commands: [...a, ...i2]
  };
}
function mr(t2, e, n) {
  const r2 = re(t2, e, pt(n));
  return {
    commands: ["log", ...n],
    format: "utf-8",
    parser: r2
  };
}
function pr() {
  return {
    log(...n) {
      const r2 = u(arguments), s = oe2(
        ht(arguments),
        L2(d(arguments[0], K2, []))
      ), o2 = e(...n) || dt(s.commands) || t2(s);
      return this._runTask(o2, r2);
    }
  };
  function t2(n) {
    return mr(n.splitter, n.fields, n.commands);
  }
  function e(n, r2) {
    return m(n) && m(r2) && b2(
      "git.log(string, string) should be replaced with git.log({ from: string, to: string })"
    );
  }
}
var Z2 = class {
  constructor(e, n = null, r2) {
    this.reason = e, this.file = n, this.meta = r2;
  }
  toString() {
    return `${this.file}:${this.reason}`;
  }
};
var dr = class {
  constructor() {
    this.conflicts = [], this.merges = [], this.result = "success";
  }
  get failed() {
    return this.conflicts.length > 0;
  }
  get reason() {
    return this.result;
  }
  toString() {
    return this.conflicts.length ? `CONFLICTS: ${this.conflicts.join(", ")}` : "OK";
  }
};
var ie = class {
  constructor() {
    this.remoteMessages = {
      all: []
    }, this.created = [], this.deleted = [], this.files = [], this.deletions = {}, this.insertions = {}, this.summary = {
      changes: 0,
      deletions: 0,
      insertions: 0
    };
  }
};
var gr = class {
  constructor() {
    this.remote = "", this.hash = {
      local: "",
      remote: ""
    }, this.branch = {
      local: "",
      remote: ""
    }, this.message = "";
  }
  toString() {
    return this.message;
  }
};
function tt(t2) {
  return t2.objects = t2.objects || {
    compressing: 0,
    counting: 0,
    enumerating: 0,
    packReused: 0,
    reused: { count: 0, delta: 0 },
    total: { count: 0, delta: 0 }
  };
}
function Ct(t2) {
  const e = /^\s*(\d+)/.exec(t2), n = /delta (\d+)/i.exec(t2);
  return {
    count: p(e && e[1] || "0"),
    delta: p(n && n[1] || "0")
  };
}
var yr = [
  new x2(
    /^remote:\s*(enumerating|counting|compressing) objects: (\d+),/i,
    (t2, [e, n]) => {
      const r2 = e.toLowerCase(), s = tt(t2.remoteMessages);
      Object.assign(s, { [r2]: p(n) });
    }
  ),
  new x2(
    /^remote:\s*(enumerating|counting|compressing) objects: \d+% \(\d+\/(\d+)\),/i,
    (t2, [e, n]) => {
      const r2 = e.toLowerCase(), s = tt(t2.remoteMessages);
      Object.assign(s, { [r2]: p(n) });
    }
  ),
  new x2(
    /total ([^,]+), reused ([^,]+), pack-reused (\d+)/i,
    (t2, [e, n, r2]) => {
      const s = tt(t2.remoteMessages);
      s.total = Ct(e), s.reused = Ct(n), s.packReused = p(r2);
    }
  )
];
var wr = [
  new x2(/^remote:\s*(.+)$/, (t2, [e]) => (t2.remoteMessages.all.push(e.trim()), false)),
  ...yr,
  new x2(
    [/create a (?:pull|merge) request/i, /\s(https?:\/\/\S+)$/],
    (t2, [e]) => {
      t2.remoteMessages.pullRequestUrl = e;
    }
  ),
  new x2(
    [/found (\d+) vulnerabilities.+\(([^)]+)\)/i, /\s(https?:\/\/\S+)$/],
    (t2, [e, n, r2]) => {
      t2.remoteMessages.vulnerabilities = {
        count: p(e),
        summary: n,
        url: r2
      };
    }
  )
];
function ae(t2, e) {
  return E2({ remoteMessages: new br() }, wr, e);
}
var br = class {
  constructor() {
    this.all = [];
  }
};
var Tr = /^\s*(.+?)\s+\|\s+\d+\s*(\+*)(-*)/;
var kr = /(\d+)\D+((\d+)\D+\(\+\))?(\D+(\d+)\D+\(-\))?/;
var _r = /^(create|delete) mode \d+ (.+)/;
var vr = [
  new l2(Tr, (t2, [e, n, r2]) => {
    t2.files.push(e), n && (t2.insertions[e] = n.length), r2 && (t2.deletions[e] = r2.length);
  }),
  new l2(kr, (t2, [e, , n, , r2]) => n !== void 0 || r2 !== void 0 ? (t2.summary.changes = +e || 0, t2.summary.insertions = +n || 0, t2.summary.deletions = +r2 || 0, true) : false),
  new l2(_r, (t2, [e, n]) => {
    S2(t2.files, n), S2(e === "create" ? t2.created : t2.deleted, n);
  })
];
var Er = [
  new l2(/^from\s(.+)$/i, (t2, [e]) => {
    t2.remote = e;
  }),
  new l2(/^fatal:\s(.+)$/, (t2, [e]) => {
    t2.message = e;
  }),
  new l2(
    /([a-z0-9]+)\.\.([a-z0-9]+)\s+(\S+)\s+->\s+(\S+)$/,
    (t2, [e, n, r2, s]) => {
      t2.branch.local = r2, t2.hash.local = e, t2.branch.remote = s, t2.hash.remote = n;
    }
  )
];
var Sr = (t2, e) => E2(new ie(), vr, [t2, e]);
var ue = (t2, e) => Object.assign(
  new ie(),
  Sr(t2, e),
  ae(t2, e)
);
function Rr(t2, e) {
  const n = E2(new gr(), Er, [t2, e]);
  return n.message && n;
}
var Or = [
  new l2(/^Auto-merging\s+(.+)$/, (t2, [e]) => {
    t2.merges.push(e);
  }),
  new l2(/^CONFLICT\s+\((.+)\): Merge conflict in (.+)$/, (t2, [e, n]) => {
    t2.conflicts.push(new Z2(e, n));
  }),
  new l2(
    /^CONFLICT\s+\((.+\/delete)\): (.+) deleted in (.+) and/,
    (t2, [e, n, r2]) => {
      t2.conflicts.push(new Z2(e, n, { deleteRef: r2 }));
    }
  ),
  new l2(/^CONFLICT\s+\((.+)\):/, (t2, [e]) => {
    t2.conflicts.push(new Z2(e, null));
  }),
  new l2(/^Automatic merge failed;\s+(.+)$/, (t2, [e]) => {
    t2.result = e;
  })
];
var Cr = (t2, e) => Object.assign(Ar(t2), ue(t2, e));
var Ar = (t2) => E2(new dr(), Or, t2);
function At(t2) {
  return t2.length ? {
    commands: ["merge", ...t2],
    format: "utf-8",
    parser(e, n) {
      const r2 = Cr(e, n);
      if (r2.failed)
        throw new at(r2);
      return r2;
    }
  } : b2("Git.merge requires at least one option");
}
function xr(t2, e, n) {
  const r2 = n.includes("deleted"), s = n.includes("tag") || /^refs\/tags/.test(t2), o2 = !n.includes("new");
  return {
    deleted: r2,
    tag: s,
    branch: !s,
    new: !o2,
    alreadyUpdated: o2,
    local: t2,
    remote: e
  };
}
var Nr = [
  new l2(/^Pushing to (.+)$/, (t2, [e]) => {
    t2.repo = e;
  }),
  new l2(/^updating local tracking ref '(.+)'/, (t2, [e]) => {
    t2.ref = {
      ...t2.ref || {},
      local: e
    };
  }),
  new l2(/^[=*-]\s+([^:]+):(\S+)\s+\[(.+)]$/, (t2, [e, n, r2]) => {
    t2.pushed.push(xr(e, n, r2));
  }),
  new l2(
    /^Branch '([^']+)' set up to track remote branch '([^']+)' from '([^']+)'/,
    (t2, [e, n, r2]) => {
      t2.branch = {
        ...t2.branch || {},
        local: e,
        remote: n,
        remoteName: r2
      };
    }
  ),
  new l2(
    /^([^:]+):(\S+)\s+([a-z0-9]+)\.\.([a-z0-9]+)$/,
    (t2, [e, n, r2, s]) => {
      t2.update = {
        head: {
          local: e,
          remote: n
        },
        hash: {
          from: r2,
          to: s
        }
      };
    }
  )
];
var $r = (t2, e) => {
  const n = Pr(t2, e), r2 = ae(t2, e);
  return {
    ...n,
    ...r2
  };
};
var Pr = (t2, e) => E2({ pushed: [] }, Nr, [t2, e]);
function Mr(t2 = {}, e) {
  return S2(e, "--tags"), ce(t2, e);
}
function ce(t2 = {}, e) {
  const n = ["push", ...e];
  return t2.branch && n.splice(1, 0, t2.branch), t2.remote && n.splice(1, 0, t2.remote), ct(n, "-v"), S2(n, "--verbose"), S2(n, "--porcelain"), {
    commands: n,
    format: "utf-8",
    parser: $r
  };
}
function Dr() {
  return {
    showBuffer() {
      const t2 = ["show", ...h2(arguments, 1)];
      return t2.includes("--binary") || t2.splice(1, 0, "--binary"), this._runTask(
        Gt(t2),
        u(arguments)
      );
    },
    show() {
      const t2 = ["show", ...h2(arguments, 1)];
      return this._runTask(
        g(t2),
        u(arguments)
      );
    }
  };
}
var Lr = /^(.+)\0(.+)$/;
var jr = class {
  constructor(e, n, r2) {
    if (this.path = e, this.index = n, this.working_dir = r2, n === "R" || r2 === "R") {
      const s = Lr.exec(e) || [null, e, e];
      this.from = s[2] || "", this.path = s[1] || "";
    }
  }
};
var Br = class {
  constructor() {
    this.not_added = [], this.conflicted = [], this.created = [], this.deleted = [], this.ignored = void 0, this.modified = [], this.renamed = [], this.files = [], this.staged = [], this.ahead = 0, this.behind = 0, this.current = null, this.tracking = null, this.detached = false, this.isClean = () => !this.files.length;
  }
};
function xt(t2) {
  const [e, n] = t2.split(I2);
  return {
    from: n || e,
    to: e
  };
}
function _2(t2, e, n) {
  return [`${t2}${e}`, n];
}
function et(t2, ...e) {
  return e.map((n) => _2(t2, n, (r2, s) => r2.conflicted.push(s)));
}
var Ir = new Map([
  _2(
    " ",
    "A",
    (t2, e) => t2.created.push(e)
  ),
  _2(
    " ",
    "D",
    (t2, e) => t2.deleted.push(e)
  ),
  _2(
    " ",
    "M",
    (t2, e) => t2.modified.push(e)
  ),
  _2("A", " ", (t2, e) => {
    t2.created.push(e), t2.staged.push(e);
  }),
  _2("A", "M", (t2, e) => {
    t2.created.push(e), t2.staged.push(e), t2.modified.push(e);
  }),
  _2("D", " ", (t2, e) => {
    t2.deleted.push(e), t2.staged.push(e);
  }),
  _2("M", " ", (t2, e) => {
    t2.modified.push(e), t2.staged.push(e);
  }),
  _2("M", "M", (t2, e) => {
    t2.modified.push(e), t2.staged.push(e);
  }),
  _2("R", " ", (t2, e) => {
    t2.renamed.push(xt(e));
  }),
  _2("R", "M", (t2, e) => {
    const n = xt(e);
    t2.renamed.push(n), t2.modified.push(n.to);
  }),
  _2("!", "!", (t2, e) => {
    (t2.ignored = t2.ignored || []).push(e);
  }),
  _2(
    "?",
    "?",
    (t2, e) => t2.not_added.push(e)
  ),
  ...et(
    "A",
    "A",
    "U"
    /* UNMERGED */
  ),
  ...et(
    "D",
    "D",
    "U"
    /* UNMERGED */
  ),
  ...et(
    "U",
    "A",
    "D",
    "U"
    /* UNMERGED */
  ),
  [
    "##",
    (t2, e) => {
      const n = /ahead (\d+)/, r2 = /behind (\d+)/, s = /^(.+?(?=(?:\.{3}|\s|$)))/, o2 = /\.{3}(\S*)/, i2 = /\son\s(\S+?)(?=\.{3}|$)/;
      let a = n.exec(e);
      t2.ahead = a && +a[1] || 0, a = r2.exec(e), t2.behind = a && +a[1] || 0, a = s.exec(e), t2.current = d(a?.[1], m, null), a = o2.exec(e), t2.tracking = d(a?.[1], m, null), a = i2.exec(e), a && (t2.current = d(a?.[1], m, t2.current)), t2.detached = /\(no branch\)/.test(e);
    }
  ]
]);
var Ur = function(t2) {
  const e = t2.split(I2), n = new Br();
  for (let r2 = 0, s = e.length; r2 < s; ) {
    let o2 = e[r2++].trim();
    o2 && (o2.charAt(0) === "R" && (o2 += I2 + (e[r2++] || "")), Fr(n, o2));
  }
  return n;
};
function Fr(t2, e) {
  const n = e.trim();
  switch (" ") {
    case n.charAt(2):
      return r2(n.charAt(0), n.charAt(1), n.slice(3));
    case n.charAt(1):
      return r2(" ", n.charAt(0), n.slice(2));
    default:
      return;
  }
  function r2(s, o2, i2) {
    const a = `${s}${o2}`, c3 = Ir.get(a);
    c3 && c3(t2, i2), a !== "##" && a !== "!!" && t2.files.push(new jr(i2, s, o2));
  }
}
var Gr = ["--null", "-z"];
function zr(t2) {
  return {
    format: "utf-8",
    commands: [
      "status",
      "--porcelain",
      "-b",
      "-u",
      "--null",
      ...t2.filter((n) => !Gr.includes(n))
    ],
    parser(n) {
      return Ur(n);
    }
  };
}
var fe = "installed=false";
function q2(t2 = 0, e = 0, n = 0, r2 = "", s = true) {
  return Object.defineProperty(
    {
      major: t2,
      minor: e,
      patch: n,
      agent: r2,
      installed: s
    },
    "toString",
    {
      value() {
        return `${this.major}.${this.minor}.${this.patch}`;
      },
      configurable: false,
      enumerable: false
    }
  );
}
function qr() {
  return q2(0, 0, 0, "", false);
}
function Wr() {
  return {
    version() {
      return this._runTask({
        commands: ["--version"],
        format: "utf-8",
        parser: Kr,
        onError(t2, e, n, r2) {
          if (t2.exitCode === V2.NOT_FOUND)
            return n(Buffer.from(fe));
          r2(e);
        }
      });
    }
  };
}
var Hr = [
  new l2(
    /version (\d+)\.(\d+)\.(\d+)(?:\s*\((.+)\))?/,
    (t2, [e, n, r2, s = ""]) => {
      Object.assign(
        t2,
        q2(p(e), p(n), p(r2), s)
      );
    }
  ),
  new l2(
    /version (\d+)\.(\d+)\.(\D+)(.+)?$/,
    (t2, [e, n, r2, s = ""]) => {
      Object.assign(t2, q2(p(e), p(n), r2, s));
    }
  )
];
function Kr(t2) {
  return t2 === fe ? qr() : E2(q2(0, 0, 0, t2), Hr, t2);
}
var le = class {
  constructor(e) {
    this._executor = e;
  }
  _runTask(e, n) {
    const r2 = this._executor.chain(), s = r2.push(e);
    return n && Ln(e, s, n), Object.create(this, {
      then: { value: s.then.bind(s) },
      catch: { value: s.catch.bind(s) },
      _executor: { value: r2 }
    });
  }
  add(e) {
    return this._runTask(
      g(["add", ...v(e)]),
      u(arguments)
    );
  }
  cwd(e) {
    const n = u(arguments);
    return typeof e == "string" ? this._runTask(St(e, this._executor), n) : typeof e?.path == "string" ? this._runTask(
      St(
        e.path,
        e.root && this._executor || void 0
      ),
      n
    ) : this._runTask(
      b2("Git.cwd: workingDirectory must be supplied as a string"),
      n
    );
  }
  hashObject(e, n) {
    return this._runTask(
      Vn(e, n === true),
      u(arguments)
    );
  }
  init(e) {
    return this._runTask(
      Zn(e === true, this._executor.cwd, h2(arguments)),
      u(arguments)
    );
  }
  merge() {
    return this._runTask(
      At(h2(arguments)),
      u(arguments)
    );
  }
  mergeFromTo(e, n) {
    return m(e) && m(n) ? this._runTask(
      At([e, n, ...h2(arguments)]),
      u(arguments, false)
    ) : this._runTask(
      b2(
        "Git.mergeFromTo requires that the 'remote' and 'branch' arguments are supplied as strings"
      )
    );
  }
  outputHandler(e) {
    return this._executor.outputHandler = e, this;
  }
  push() {
    const e = ce(
      {
        remote: d(arguments[0], m),
        branch: d(arguments[1], m)
      },
      h2(arguments)
    );
    return this._runTask(e, u(arguments));
  }
  stash() {
    return this._runTask(
      g(["stash", ...h2(arguments)]),
      u(arguments)
    );
  }
  status() {
    return this._runTask(
      zr(h2(arguments)),
      u(arguments)
    );
  }
};
Object.assign(
  le.prototype,
  jn(),
  In(),
  zn(),
  Tn(),
  Hn(),
  Kn(),
  On(),
  er(),
  pr(),
  Dr(),
  Wr()
);
var Vr = /* @__PURE__ */ (() => {
  let t2 = 0;
  return () => {
    t2++;
    const { promise: e, done: n } = (0, import_promise_deferred.createDeferred)();
    return {
      promise: e,
      done: n,
      id: t2
    };
  };
})();
var Xr = class {
  constructor(e = 2) {
    this.concurrency = e, this.logger = $2("", "scheduler"), this.pending = [], this.running = [], this.logger("Constructed, concurrency=%s", e);
  }
  schedule() {
    if (!this.pending.length || this.running.length >= this.concurrency) {
      this.logger(
        "Schedule attempt ignored, pending=%s running=%s concurrency=%s",
        this.pending.length,
        this.running.length,
        this.concurrency
      );
      return;
    }
    const e = S2(this.running, this.pending.shift());
    this.logger("Attempting id=%s", e.id), e.done(() => {
      this.logger("Completing id=", e.id), ct(this.running, e), this.schedule();
    });
  }
  next() {
    const { promise: e, id: n } = S2(this.pending, Vr());
    return this.logger("Scheduling id=%s", n), this.schedule(), e;
  }
};
function Yr(t2, e) {
  return g(["apply", ...e, ...t2]);
}
var he = /* @__PURE__ */ ((t2) => (t2.CURRENT = "*", t2.LINKED = "+", t2))(he || {});
var Qr = class {
  constructor() {
    this.all = [], this.branches = {}, this.current = "", this.detached = false;
  }
  push(e, n, r2, s, o2) {
    e === "*" && (this.detached = n, this.current = r2), this.all.push(r2), this.branches[r2] = {
      current: e === "*",
      linkedWorkTree: e === "+",
      name: r2,
      commit: s,
      label: o2
    };
  }
};
var Jr = [
  new l2(
    /^([*+]\s)?\((?:HEAD )?detached (?:from|at) (\S+)\)\s+([a-z0-9]+)\s(.*)$/,
    (t2, [e, n, r2, s]) => {
      t2.push(Nt(e), true, n, r2, s);
    }
  ),
  new l2(
    /^([*+]\s)?(\S+)\s+([a-z0-9]+)\s?(.*)$/s,
    (t2, [e, n, r2, s]) => {
      t2.push(Nt(e), false, n, r2, s);
    }
  )
];
var Zr = new l2(/^(\S+)$/s, (t2, [e]) => {
  t2.push(he.CURRENT, false, e, "", "");
});
function Nt(t2) {
  return t2 ? t2.charAt(0) : "";
}
function me(t2, e = false) {
  return E2(
    new Qr(),
    e ? [Zr] : Jr,
    t2
  );
}
var ts = class {
  constructor() {
    this.all = [], this.branches = {}, this.errors = [];
  }
  get success() {
    return !this.errors.length;
  }
};
function es(t2, e) {
  return {
    branch: t2,
    hash: e,
    success: true
  };
}
function ns(t2) {
  return {
    branch: t2,
    hash: null,
    success: false
  };
}
var rs = /(\S+)\s+\(\S+\s([^)]+)\)/;
var pe = /^error[^']+'([^']+)'/m;
var ss = [
  new l2(rs, (t2, [e, n]) => {
    const r2 = es(e, n);
    t2.all.push(r2), t2.branches[e] = r2;
  }),
  new l2(pe, (t2, [e]) => {
    const n = ns(e);
    t2.errors.push(n), t2.all.push(n), t2.branches[e] = n;
  })
];
var gt = (t2, e) => E2(new ts(), ss, [t2, e]);
function de(t2, e) {
  return e === V2.ERROR && pe.test(t2);
}
function os(t2) {
  const e = ["-d", "-D", "--delete"];
  return t2.some((n) => e.includes(n));
}
function is(t2) {
  const e = os(t2), n = t2.includes("--show-current"), r2 = ["branch", ...t2];
  return r2.length === 1 && r2.push("-a"), r2.includes("-v") || r2.splice(1, 0, "-v"), {
    format: "utf-8",
    commands: r2,
    parser(s, o2) {
      return e ? gt(s, o2).all[0] : me(s, n);
    }
  };
}
function as() {
  return {
    format: "utf-8",
    commands: ["branch", "-v"],
    parser(t2) {
      return me(t2);
    }
  };
}
function us(t2, e = false) {
  return {
    format: "utf-8",
    commands: ["branch", "-v", e ? "-D" : "-d", ...t2],
    parser(n, r2) {
      return gt(n, r2);
    },
    onError({ exitCode: n, stdOut: r2 }, s, o2, i2) {
      if (!de(String(s), n))
        return i2(s);
      o2(r2);
    }
  };
}
function cs(t2, e = false) {
  const n = {
    format: "utf-8",
    commands: ["branch", "-v", e ? "-D" : "-d", t2],
    parser(r2, s) {
      return gt(r2, s).branches[t2];
    },
    onError({ exitCode: r2, stdErr: s, stdOut: o2 }, i2, a, c3) {
      if (!de(String(i2), r2))
        return c3(i2);
      throw new at(
        n.parser(F2(o2), F2(s)),
        String(i2)
      );
    }
  };
  return n;
}
function fs2(t2) {
  return {
    commands: ["check-ignore", ...t2],
    format: "utf-8",
    parser: ls
  };
}
function ls(t2) {
  return t2.split(/\n/g).map(hs).filter(Boolean);
}
function hs(t2) {
  const e = t2.trim().replace(/^["']|["']$/g, "");
  return e && Se(e);
}
var ms = [
  new l2(/From (.+)$/, (t2, [e]) => {
    t2.remote = e;
  }),
  new l2(/\* \[new branch]\s+(\S+)\s*-> (.+)$/, (t2, [e, n]) => {
    t2.branches.push({
      name: e,
      tracking: n
    });
  }),
  new l2(/\* \[new tag]\s+(\S+)\s*-> (.+)$/, (t2, [e, n]) => {
    t2.tags.push({
      name: e,
      tracking: n
    });
  }),
  new l2(/- \[deleted]\s+\S+\s*-> (.+)$/, (t2, [e]) => {
    t2.deleted.push({
      tracking: e
    });
  }),
  new l2(
    /\s*([^.]+)\.\.(\S+)\s+(\S+)\s*-> (.+)$/,
    (t2, [e, n, r2, s]) => {
      t2.updated.push({
        name: r2,
        tracking: s,
        to: n,
        from: e
      });
    }
  )
];
function ps(t2, e) {
  return E2({
    raw: t2,
    remote: null,
    branches: [],
    tags: [],
    updated: [],
    deleted: []
  }, ms, [t2, e]);
}
function ds(t2) {
  return /^--upload-pack(=|$)/.test(t2);
}
function gs(t2, e, n) {
  const r2 = ["fetch", ...n];
  return t2 && e && r2.push(t2, e), r2.find(ds) ? b2("git.fetch: potential exploit argument blocked.") : {
    commands: r2,
    format: "utf-8",
    parser: ps
  };
}
var ys = [
  new l2(/^Renaming (.+) to (.+)$/, (t2, [e, n]) => {
    t2.moves.push({ from: e, to: n });
  })
];
function ws(t2) {
  return E2({ moves: [] }, ys, t2);
}
function bs(t2, e) {
  return {
    commands: ["mv", "-v", ...v(t2), e],
    format: "utf-8",
    parser: ws
  };
}
function Ts(t2, e, n) {
  const r2 = ["pull", ...n];
  return t2 && e && r2.splice(1, 0, t2, e), {
    commands: r2,
    format: "utf-8",
    parser(s, o2) {
      return ue(s, o2);
    },
    onError(s, o2, i2, a) {
      const c3 = Rr(
        F2(s.stdOut),
        F2(s.stdErr)
      );
      if (c3)
        return a(new at(c3));
      a(o2);
    }
  };
}
function ks(t2) {
  const e = {};
  return ge(t2, ([n]) => e[n] = { name: n }), Object.values(e);
}
function _s(t2) {
  const e = {};
  return ge(t2, ([n, r2, s]) => {
    Object.hasOwn(e, n) || (e[n] = {
      name: n,
      refs: { fetch: "", push: "" }
    }), s && r2 && (e[n].refs[s.replace(/[^a-z]/g, "")] = r2);
  }), Object.values(e);
}
function ge(t2, e) {
  ut(t2, (n) => e(n.split(/\s+/)));
}
function vs(t2, e, n) {
  return g(["remote", "add", ...n, t2, e]);
}
function Es(t2) {
  const e = ["remote"];
  return t2 && e.push("-v"), {
    commands: e,
    format: "utf-8",
    parser: t2 ? _s : ks
  };
}
function Ss(t2) {
  const e = [...t2];
  return e[0] !== "ls-remote" && e.unshift("ls-remote"), g(e);
}
function Rs(t2) {
  const e = [...t2];
  return e[0] !== "remote" && e.unshift("remote"), g(e);
}
function Os(t2) {
  return g(["remote", "remove", t2]);
}
function Cs(t2 = {}, e) {
  const n = oe2(t2), r2 = ["stash", "list", ...n.commands, ...e], s = re(
    n.splitter,
    n.fields,
    pt(r2)
  );
  return dt(r2) || {
    commands: r2,
    format: "utf-8",
    parser: s
  };
}
function As(t2, e) {
  return X2(["add", t2, e]);
}
function xs(t2) {
  return X2(["init", ...t2]);
}
function X2(t2) {
  const e = [...t2];
  return e[0] !== "submodule" && e.unshift("submodule"), g(e);
}
function Ns(t2) {
  return X2(["update", ...t2]);
}
var $s = class {
  constructor(e, n) {
    this.all = e, this.latest = n;
  }
};
var Ps = function(t2, e = false) {
  const n = t2.split(`
`).map(Ds).filter(Boolean);
  e || n.sort(function(s, o2) {
    const i2 = s.split("."), a = o2.split(".");
    if (i2.length === 1 || a.length === 1)
      return Ms(B2(i2[0]), B2(a[0]));
    for (let c3 = 0, y2 = Math.max(i2.length, a.length); c3 < y2; c3++) {
      const w2 = ye(B2(i2[c3]), B2(a[c3]));
      if (w2)
        return w2;
    }
    return 0;
  });
  const r2 = e ? n[0] : [...n].reverse().find((s) => s.indexOf(".") >= 0);
  return new $s(n, r2);
};
function Ms(t2, e) {
  const n = Number.isNaN(t2), r2 = Number.isNaN(e);
  return n !== r2 ? n ? 1 : -1 : n ? ye(t2, e) : 0;
}
function ye(t2, e) {
  return t2 === e ? 0 : t2 > e ? 1 : -1;
}
function Ds(t2) {
  return t2.trim();
}
function B2(t2) {
  return typeof t2 == "string" && parseInt(t2.replace(/^\D+/g, ""), 10) || 0;
}
function Ls(t2 = []) {
  const e = t2.some((n) => /^--sort=/.test(n));
  return {
    format: "utf-8",
    commands: ["tag", "-l", ...t2],
    parser(n) {
      return Ps(n, e);
    }
  };
}
function js(t2) {
  return {
    format: "utf-8",
    commands: ["tag", t2],
    parser() {
      return { name: t2 };
    }
  };
}
function Bs(t2, e) {
  return {
    format: "utf-8",
    commands: ["tag", "-a", "-m", e, t2],
    parser() {
      return { name: t2 };
    }
  };
}
function f2(t2, e) {
  this._plugins = e, this._executor = new Dn(
    t2.baseDir,
    new Xr(t2.maxConcurrentProcesses),
    e
  ), this._trimmed = t2.trimmed;
}
(f2.prototype = Object.create(le.prototype)).constructor = f2;
f2.prototype.customBinary = function(t2) {
  return this._plugins.reconfigure("binary", t2), this;
};
f2.prototype.env = function(t2, e) {
  return arguments.length === 1 && typeof t2 == "object" ? this._executor.env = t2 : (this._executor.env = this._executor.env || {})[t2] = e, this;
};
f2.prototype.stashList = function(t2) {
  return this._runTask(
    Cs(
      ht(arguments) || {},
      K2(t2) && t2 || []
    ),
    u(arguments)
  );
};
f2.prototype.mv = function(t2, e) {
  return this._runTask(bs(t2, e), u(arguments));
};
f2.prototype.checkoutLatestTag = function(t2) {
  var e = this;
  return this.pull(function() {
    e.tags(function(n, r2) {
      e.checkout(r2.latest, t2);
    });
  });
};
f2.prototype.pull = function(t2, e, n, r2) {
  return this._runTask(
    Ts(
      d(t2, m),
      d(e, m),
      h2(arguments)
    ),
    u(arguments)
  );
};
f2.prototype.fetch = function(t2, e) {
  return this._runTask(
    gs(
      d(t2, m),
      d(e, m),
      h2(arguments)
    ),
    u(arguments)
  );
};
f2.prototype.tags = function(t2, e) {
  return this._runTask(
    Ls(h2(arguments)),
    u(arguments)
  );
};
f2.prototype.rebase = function() {
  return this._runTask(
    g(["rebase", ...h2(arguments)]),
    u(arguments)
  );
};
f2.prototype.reset = function(t2) {
  return this._runTask(
    An(xn(t2), h2(arguments)),
    u(arguments)
  );
};
f2.prototype.revert = function(t2) {
  const e = u(arguments);
  return typeof t2 != "string" ? this._runTask(b2("Commit must be a string"), e) : this._runTask(
    g(["revert", ...h2(arguments, 0, true), t2]),
    e
  );
};
f2.prototype.addTag = function(t2) {
  const e = typeof t2 == "string" ? js(t2) : b2("Git.addTag requires a tag name");
  return this._runTask(e, u(arguments));
};
f2.prototype.addAnnotatedTag = function(t2, e) {
  return this._runTask(
    Bs(t2, e),
    u(arguments)
  );
};
f2.prototype.deleteLocalBranch = function(t2, e, n) {
  return this._runTask(
    cs(t2, typeof e == "boolean" ? e : false),
    u(arguments)
  );
};
f2.prototype.deleteLocalBranches = function(t2, e, n) {
  return this._runTask(
    us(t2, typeof e == "boolean" ? e : false),
    u(arguments)
  );
};
f2.prototype.branch = function(t2, e) {
  return this._runTask(
    is(h2(arguments)),
    u(arguments)
  );
};
f2.prototype.branchLocal = function(t2) {
  return this._runTask(as(), u(arguments));
};
f2.prototype.raw = function(t2) {
  const e = !Array.isArray(t2), n = [].slice.call(e ? arguments : t2, 0);
  for (let s = 0; s < n.length && e; s++)
    if (!st(n[s])) {
      n.splice(s, n.length - s);
      break;
    }
  n.push(...h2(arguments, 0, true));
  var r2 = u(arguments);
  return n.length ? this._runTask(g(n, this._trimmed), r2) : this._runTask(
    b2("Raw: must supply one or more command to execute"),
    r2
  );
};
f2.prototype.submoduleAdd = function(t2, e, n) {
  return this._runTask(As(t2, e), u(arguments));
};
f2.prototype.submoduleUpdate = function(t2, e) {
  return this._runTask(
    Ns(h2(arguments, true)),
    u(arguments)
  );
};
f2.prototype.submoduleInit = function(t2, e) {
  return this._runTask(
    xs(h2(arguments, true)),
    u(arguments)
  );
};
f2.prototype.subModule = function(t2, e) {
  return this._runTask(
    X2(h2(arguments)),
    u(arguments)
  );
};
f2.prototype.listRemote = function() {
  return this._runTask(
    Ss(h2(arguments)),
    u(arguments)
  );
};
f2.prototype.addRemote = function(t2, e, n) {
  return this._runTask(
    vs(t2, e, h2(arguments)),
    u(arguments)
  );
};
f2.prototype.removeRemote = function(t2, e) {
  return this._runTask(Os(t2), u(arguments));
};
f2.prototype.getRemotes = function(t2, e) {
  return this._runTask(Es(t2 === true), u(arguments));
};
f2.prototype.remote = function(t2, e) {
  return this._runTask(
    Rs(h2(arguments)),
    u(arguments)
  );
};
f2.prototype.tag = function(t2, e) {
  const n = h2(arguments);
  return n[0] !== "tag" && n.unshift("tag"), this._runTask(g(n), u(arguments));
};
f2.prototype.updateServerInfo = function(t2) {
  return this._runTask(
    g(["update-server-info"]),
    u(arguments)
  );
};
f2.prototype.pushTags = function(t2, e) {
  const n = Mr(
    { remote: d(t2, m) },
    h2(arguments)
  );
  return this._runTask(n, u(arguments));
};
f2.prototype.rm = function(t2) {
  return this._runTask(
    g(["rm", "-f", ...v(t2)]),
    u(arguments)
  );
};
f2.prototype.rmKeepLocal = function(t2) {
  return this._runTask(
    g(["rm", "--cached", ...v(t2)]),
    u(arguments)
  );
};
f2.prototype.catFile = function(t2, e) {
  return this._catFile("utf-8", arguments);
};
f2.prototype.binaryCatFile = function() {
  return this._catFile("buffer", arguments);
};
f2.prototype._catFile = function(t2, e) {
  var n = u(e), r2 = ["cat-file"], s = e[0];
  if (typeof s == "string")
    return this._runTask(
      b2("Git.catFile: options must be supplied as an array of strings"),
      n
    );
  Array.isArray(s) && r2.push.apply(r2, s);
  const o2 = t2 === "buffer" ? Gt(r2) : g(r2);
  return this._runTask(o2, n);
};
f2.prototype.diff = function(t2, e) {
  const n = m(t2) ? b2(
    "git.diff: supplying options as a single string is no longer supported, switch to an array of strings"
  ) : g(["diff", ...h2(arguments)]);
  return this._runTask(n, u(arguments));
};
f2.prototype.diffSummary = function() {
  return this._runTask(
    fr(h2(arguments, 1)),
    u(arguments)
  );
};
f2.prototype.applyPatch = function(t2) {
  const e = G2(t2) ? Yr(v(t2), h2([].slice.call(arguments, 1))) : b2(
    "git.applyPatch requires one or more string patches as the first argument"
  );
  return this._runTask(e, u(arguments));
};
f2.prototype.revparse = function() {
  const t2 = ["rev-parse", ...h2(arguments, true)];
  return this._runTask(
    g(t2, true),
    u(arguments)
  );
};
f2.prototype.clean = function(t2, e, n) {
  const r2 = un(t2), s = r2 && t2.join("") || d(t2, m) || "", o2 = h2([].slice.call(arguments, r2 ? 1 : 0));
  return this._runTask(
    on(s, o2),
    u(arguments)
  );
};
f2.prototype.exec = function(t2) {
  const e = {
    commands: [],
    format: "utf-8",
    parser() {
      typeof t2 == "function" && t2();
    }
  };
  return this._runTask(e);
};
f2.prototype.checkIgnore = function(t2, e) {
  return this._runTask(
    fs2(v(d(t2, G2, []))),
    u(arguments)
  );
};
f2.prototype.checkIsRepo = function(t2, e) {
  return this._runTask(
    We(d(t2, m)),
    u(arguments)
  );
};
function Is(t2) {
  return t2 ? [{
    type: "spawn.before",
    action(r2, s) {
      t2.aborted && s.kill(new A2(void 0, "abort", "Abort already signaled"));
    }
  }, {
    type: "spawn.after",
    action(r2, s) {
      function o2() {
        s.kill(new A2(void 0, "abort", "Abort signal received"));
      }
      t2.addEventListener("abort", o2), s.spawned.on("close", () => t2.removeEventListener("abort", o2));
    }
  }] : void 0;
}
var Us = $2("", "plugin:allowEnvironment");
function Fs(t2, e = false) {
  const n = new Set(t2.map((r2) => r2.toLowerCase().trim()));
  return {
    type: "spawn.options",
    action(r2, s) {
      const o2 = { ...r2.env ?? process.env }, i2 = new Set(
        Object.keys(s.env).map((a) => a.toLowerCase().trim())
      );
      for (const a of Object.keys(o2)) {
        const c3 = a.toLowerCase().trim();
        if (!(!Gs(c3) || n.has(c3))) {
          if (i2.has(c3))
            throw new A2(
              void 0,
              "allowEnvironment",
              `Use of "${a}" is blocked by the environment guard - add it to the allowEnvironment option to permit it`
            );
          Us("removing ambient guarded environment variable %s", a), delete o2[a];
        }
      }
      return {
        ...r2,
        env: {
          ...o2,
          GIT_TEST_DISALLOW_ABBREVIATED_OPTIONS: String(!e)
        }
      };
    }
  };
}
function Gs(t2) {
  const e = t2.toLowerCase().trim();
  return e.startsWith("git_") || _(e);
}
function zs(t2 = {}) {
  return {
    type: "spawn.args",
    action(e, { env: n }) {
      for (const r2 of oe(e, n))
        if (t2[r2.category] !== true)
          throw new A2(void 0, "unsafe", r2.message);
      return e;
    }
  };
}
function qs(t2) {
  const e = U(t2, "-c");
  return {
    type: "spawn.args",
    action(n) {
      return [...e, ...n];
    }
  };
}
var $t = (0, import_promise_deferred.deferred)().promise;
function Ws({
  onClose: t2 = true,
  onExit: e = 50
} = {}) {
  function n() {
    let s = -1;
    const o2 = {
      close: (0, import_promise_deferred.deferred)(),
      closeTimeout: (0, import_promise_deferred.deferred)(),
      exit: (0, import_promise_deferred.deferred)(),
      exitTimeout: (0, import_promise_deferred.deferred)()
    }, i2 = Promise.race([
      t2 === false ? $t : o2.closeTimeout.promise,
      e === false ? $t : o2.exitTimeout.promise
    ]);
    return r2(t2, o2.close, o2.closeTimeout), r2(e, o2.exit, o2.exitTimeout), {
      close(a) {
        s = a, o2.close.done();
      },
      exit(a) {
        s = a, o2.exit.done();
      },
      get exitCode() {
        return s;
      },
      result: i2
    };
  }
  function r2(s, o2, i2) {
    s !== false && (s === true ? o2.promise : o2.promise.then(() => wt(s))).then(i2.done);
  }
  return {
    type: "spawn.after",
    async action(s, { spawned: o2, close: i2 }) {
      const a = n();
      let c3 = true, y2 = () => {
        c3 = false;
      };
      o2.stdout?.on("data", y2), o2.stderr?.on("data", y2), o2.on("error", y2), o2.on("close", (w2) => a.close(w2)), o2.on("exit", (w2) => a.exit(w2));
      try {
        await a.result, c3 && await wt(50), i2(a.exitCode);
      } catch (w2) {
        i2(a.exitCode, w2);
      }
    }
  };
}
var we = $2("", "plugin:binary");
var Hs = "Invalid value supplied for custom binary, requires a single string or an array containing either one or two strings";
var Ks = "Invalid value supplied for custom binary, restricted characters must be removed or supply the unsafe.allowUnsafeCustomBinary option";
function Vs(t2) {
  return !t2 || !/^([a-z]:)?([a-z0-9/.\\_~-]+)$/i.test(t2);
}
function Pt(t2, e) {
  if (t2.length < 1 || t2.length > 2)
    throw new A2(void 0, "binary", Hs);
  if (t2.some(Vs))
    if (e)
      we("permitted unsafe binary %o", t2);
    else
      throw new A2(void 0, "binary", Ks);
  const [r2, s] = t2;
  return {
    binary: r2,
    prefix: s
  };
}
function Xs(t2, e = ["git"], n = false) {
  let r2 = Pt(v(e), n);
  t2.on("binary", (s) => {
    r2 = Pt(v(s), n), we.info("reconfiguring %o", r2);
  }), t2.append("spawn.binary", () => r2.binary), t2.append("spawn.args", (s) => r2.prefix ? [r2.prefix, ...s] : s);
}
var be = {
  DISALLOWED_ABBREVIATED: {
    text: "disallowed abbreviated or ambiguous option",
    solution: "Unambiguous abbreviated options blocked with unsafe.allowAbbreviatedOptions setting: {message}"
  },
  UNKNOWN: {
    text: "~ unknown ~",
    solution: void 0
  }
};
function Ys(t2) {
  if (!t2)
    return "UNKNOWN";
  for (const [e, { text: n }] of Object.entries(be))
    if (t2.startsWith(`fatal: ${n}`))
      return e;
  return "UNKNOWN";
}
var Qs = class extends O2 {
  constructor(e = "") {
    const n = Ys(e);
    super(void 0, be[n].solution?.replace("{message}", e) ?? e), this.reason = n;
  }
};
function Js(t2) {
  return !!(t2.exitCode && t2.stdErr.length);
}
function Zs(t2) {
  return Buffer.concat([...t2.stdOut, ...t2.stdErr]);
}
function to(t2 = false, e = Js, n = Zs) {
  return (r2, s) => !t2 && r2 || !e(s) ? r2 : n(s);
}
function eo(t2, e) {
  return t2 === 128 && e.startsWith("fatal:") ? new Qs(e) : new O2(void 0, e);
}
function Mt(t2) {
  return {
    type: "task.error",
    action(e, n) {
      const r2 = t2(e.error, {
        stdErr: n.stdErr,
        stdOut: n.stdOut,
        exitCode: n.exitCode
      });
      return Buffer.isBuffer(r2) ? {
        error: eo(n.exitCode, r2.toString("utf-8"))
      } : {
        error: r2
      };
    }
  };
}
var nt = $2("", "plugin:input");
function no(t2) {
  return {
    type: "spawn.after",
    action(e, { commands: n, input: r2, spawned: { stdin: s } }) {
      if (!s)
        return;
      const o2 = t2?.([...n]) ?? r2;
      if (!o2)
        return nt("generated zero length content, not writing to stdin");
      nt("writing %s bytes to stdin", Le(o2)), s.on("error", (i2) => {
        i2.code !== "EPIPE" && nt("[ERROR] stdin error %o", i2);
      }), s.end(o2);
    }
  };
}
var ro = class {
  constructor() {
    this.plugins = /* @__PURE__ */ new Set(), this.events = new Ce();
  }
  on(e, n) {
    this.events.on(e, n);
  }
  reconfigure(e, n) {
    this.events.emit(e, n);
  }
  append(e, n) {
    const r2 = S2(this.plugins, { type: e, action: n });
    return () => this.plugins.delete(r2);
  }
  add(e) {
    const n = [];
    return v(e).forEach(
      (r2) => {
        r2 && this.plugins.add(S2(n, r2));
      }
    ), () => {
      n.forEach((r2) => {
        this.plugins.delete(r2);
      });
    };
  }
  exec(e, n, r2) {
    let s = n;
    const o2 = Object.freeze(Object.create(r2));
    for (const i2 of this.plugins)
      i2.type === e && (s = i2.action(s, o2));
    return s;
  }
};
function so(t2) {
  const e = "--progress", n = ["checkout", "clone", "fetch", "pull", "push"];
  return [{
    type: "spawn.args",
    action(o2, i2) {
      return n.includes(i2.method) ? De(o2, e) : o2;
    }
  }, {
    type: "spawn.after",
    action(o2, i2) {
      i2.commands.includes(e) && i2.spawned.stderr?.on("data", (a) => {
        const c3 = /^([\s\S]+?):\s*(\d+)% \((\d+)\/(\d+)\)/.exec(a.toString("utf8"));
        c3 && t2({
          method: i2.method,
          stage: oo(c3[1]),
          progress: p(c3[2]),
          processed: p(c3[3]),
          total: p(c3[4])
        });
      });
    }
  }];
}
function oo(t2) {
  return String(t2.toLowerCase().split(" ", 1)) || "unknown";
}
function io(t2) {
  const e = je(t2, ["uid", "gid"]);
  return {
    type: "spawn.options",
    action(n) {
      return { ...e, ...n };
    }
  };
}
function ao() {
  return {
    type: "spawn.args",
    action(t2) {
      const e = [];
      let n;
      function r2(s) {
        (n = n || []).push(...s);
      }
      for (let s = 0; s < t2.length; s++) {
        const o2 = t2[s];
        if (r(o2)) {
          r2(o(o2));
          continue;
        }
        if (o2 === "--") {
          r2(
            t2.slice(s + 1).flatMap((i2) => r(i2) && o(i2) || i2)
          );
          break;
        }
        e.push(o2);
      }
      return n ? [...e, "--", ...n.map(String)] : e;
    }
  };
}
function uo({
  block: t2,
  stdErr: e = true,
  stdOut: n = true
}) {
  if (t2 > 0)
    return {
      type: "spawn.after",
      action(r2, s) {
        let o2;
        function i2() {
          o2 && clearTimeout(o2), o2 = setTimeout(c3, t2);
        }
        function a() {
          s.spawned.stdout?.off("data", i2), s.spawned.stderr?.off("data", i2), s.spawned.off("exit", a), s.spawned.off("close", a), o2 && clearTimeout(o2);
        }
        function c3() {
          a(), s.kill(new A2(void 0, "timeout", "block timeout reached"));
        }
        n && s.spawned.stdout?.on("data", i2), e && s.spawned.stderr?.on("data", i2), s.spawned.on("exit", a), s.spawned.on("close", a), i2();
      }
    };
}
var wo = (t2, e) => {
  const n = new ro(), r2 = Ge(
    t2 && (typeof t2 == "string" ? { baseDir: t2 } : t2) || {},
    e
  );
  if (!Lt(r2.baseDir))
    throw new Ae(
      r2,
      "Cannot use simple-git on a directory that does not exist"
    );
  return Array.isArray(r2.config) && n.add(qs(r2.config)), n.add(zs(r2.unsafe)), n.add(Ws(r2.completion)), r2.abort && n.add(Is(r2.abort)), r2.progress && n.add(so(r2.progress)), r2.timeout && n.add(uo(r2.timeout)), r2.spawnOptions && n.add(io(r2.spawnOptions)), n.add(ao()), n.add(no(r2.input)), n.add(Mt(to(true))), r2.errors && n.add(Mt(r2.errors)), Xs(n, r2.binary, r2.unsafe?.allowUnsafeCustomBinary), n.add(
    Fs(r2.allowEnvironment ?? [], r2.unsafe?.allowAbbreviatedOptions)
  ), new f2(r2, n);
};

// src/redact.ts
function makeRedactor(secrets) {
  const long = [...new Set(secrets)].filter((s) => s.length >= 8).sort((a, b3) => b3.length - a.length);
  const short = [...new Set(secrets)].filter((s) => s.length > 0 && s.length < 8);
  if (!long.length && !short.length) return (t2) => t2;
  return (text) => {
    let out2 = text;
    for (const s of long) if (out2.includes(s)) out2 = out2.split(s).join(mask(s));
    for (const s of short) for (const q3 of ['"', "'"]) if (out2.includes(q3 + s + q3)) out2 = out2.split(q3 + s + q3).join(q3 + mask(s) + q3);
    return out2;
  };
}
function redactFinding(f3, redact) {
  return {
    ...f3,
    message: redact(f3.message),
    evidence: f3.evidence === void 0 ? void 0 : redact(f3.evidence),
    fix: f3.fix ? { description: redact(f3.fix.description), replacement: f3.fix.replacement === void 0 ? void 0 : redact(f3.fix.replacement) } : void 0,
    notes: f3.notes.map(redact)
  };
}

// src/diff.ts
function parseHunkHeader(line2) {
  const m2 = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line2);
  if (!m2) return void 0;
  return { oldStart: Number(m2[1]), oldLines: m2[2] === void 0 ? 1 : Number(m2[2]), newStart: Number(m2[3]), newLines: m2[4] === void 0 ? 1 : Number(m2[4]) };
}
function isChangedLine(hunks, line2) {
  return hunks.some((h3) => h3.newLines > 0 && line2 >= h3.newStart && line2 < h3.newStart + h3.newLines);
}
function isRemovedLine(hunks, oldLine) {
  return hunks.some((h3) => h3.oldLines > 0 && oldLine >= h3.oldStart && oldLine < h3.oldStart + h3.oldLines);
}
function mapOldLine(hunks, oldLine) {
  let shift = 0;
  for (const h3 of hunks) {
    if (h3.oldLines > 0 && oldLine >= h3.oldStart && oldLine < h3.oldStart + h3.oldLines) {
      return h3.newLines > 0 ? h3.newStart : Math.max(1, h3.newStart);
    }
    const oldEnd = h3.oldLines > 0 ? h3.oldStart + h3.oldLines - 1 : h3.oldStart;
    if (oldLine > oldEnd) shift += h3.newLines - h3.oldLines;
  }
  return Math.max(1, oldLine + shift);
}
function unquote(p2) {
  if (!p2.startsWith('"')) return p2;
  const bytes = [];
  for (let i2 = 1; i2 < p2.length - 1; i2++) {
    const c3 = p2[i2];
    if (c3 !== "\\") {
      bytes.push(...Buffer.from(c3, "utf8"));
      continue;
    }
    const n = p2[++i2];
    if (/[0-7]/.test(n)) {
      bytes.push(parseInt(p2.slice(i2, i2 + 3), 8));
      i2 += 2;
    } else bytes.push({ n: 10, t: 9, r: 13, '"': 34, "\\": 92, a: 7, b: 8, f: 12, v: 11 }[n] ?? n.charCodeAt(0));
  }
  return Buffer.from(bytes).toString("utf8");
}

// src/secrets/history.ts
var LOG_FORMAT = "%x00commit %H %aI %an";
var MAX_BLOCK_LINES = 2e4;
var HistoryScanner = class {
  commit;
  path;
  newLine = 0;
  renames = /* @__PURE__ */ new Map();
  secrets = /* @__PURE__ */ new Map();
  pendingRenameFrom;
  /** The added lines seen since the last line that was not one, and the line number of the first. */
  block = [];
  blockStart = 0;
  /** Past a file's first `@@`: every `+` line is content, even one that reads `+++ …`. */
  inHunk = false;
  commits = 0;
  addedLines = 0;
  line(text) {
    if (this.inHunk && text.startsWith("+")) {
      if (!this.path) return;
      if (!this.block.length) this.blockStart = this.newLine;
      this.block.push(text.slice(1));
      this.addedLines++;
      this.newLine++;
      if (this.block.length >= MAX_BLOCK_LINES) this.flush();
      return;
    }
    this.flush();
    if (text.startsWith("\0commit ")) {
      const [, sha, date, ...author] = text.slice(1).split(" ");
      this.commit = { commit: sha, date, author: author.join(" ") };
      this.path = void 0;
      this.inHunk = false;
      this.commits++;
      return;
    }
    if (!this.commit) return;
    if (text.startsWith("diff --git ")) {
      this.path = void 0;
      this.inHunk = false;
      return;
    }
    if (text.startsWith("rename from ")) {
      this.pendingRenameFrom = text.slice("rename from ".length);
      return;
    }
    if (text.startsWith("rename to ")) {
      if (this.pendingRenameFrom) this.renames.set(this.pendingRenameFrom, text.slice("rename to ".length));
      this.pendingRenameFrom = void 0;
      return;
    }
    if (text.startsWith("+++ ")) {
      const p2 = text.slice(4);
      this.path = p2 === "/dev/null" ? void 0 : unquote(p2).replace(/^b\//, "");
      if (this.path && !isSecretsCandidate(this.path)) this.path = void 0;
      return;
    }
    if (text.startsWith("@@")) {
      const h3 = parseHunkHeader(text);
      this.newLine = h3 ? h3.newStart : 0;
      this.inHunk = true;
      return;
    }
  }
  /** Scans the pending added lines as one text; hits are placed at their lines in the file. */
  flush() {
    if (!this.block.length) return;
    const text = this.block.join("\n");
    const at2 = (n) => this.blockStart + n - 1;
    this.block = [];
    for (const hit of detectSecrets(this.path, text)) {
      const placed = { ...hit, line: at2(hit.line), ...hit.keyLine !== void 0 ? { keyLine: at2(hit.keyLine) } : {} };
      this.record(placed, placed.keyLine ?? placed.line);
    }
  }
  record(hit, lineNo) {
    const path = this.path;
    const id = hit.distinct ?? hit.value;
    const seen = this.secrets.get(id);
    if (seen) {
      seen.occurrences++;
      seen.paths.add(path);
      return;
    }
    this.secrets.set(id, { hit, first: { ...this.commit, path, line: lineNo }, paths: /* @__PURE__ */ new Set([path]), occurrences: 1 });
  }
  /** The secrets found, with each path followed through later renames. Call after the last line. */
  results() {
    this.flush();
    const finalName = (p2) => {
      const seen = /* @__PURE__ */ new Set();
      while (this.renames.has(p2) && !seen.has(p2)) {
        seen.add(p2);
        p2 = this.renames.get(p2);
      }
      return p2;
    };
    return [...this.secrets.values()].map((s) => ({ ...s, paths: new Set([...s.paths].map(finalName)) }));
  }
};

// src/sources/git.ts
import { spawn } from "node:child_process";

// src/python/parser.ts
import { existsSync, readFileSync as readFileSync2 } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

// node_modules/web-tree-sitter/web-tree-sitter.js
var __defProp2 = Object.defineProperty;
var __name = (target, value) => __defProp2(target, "name", { value, configurable: true });
var Edit = class {
  static {
    __name(this, "Edit");
  }
  /** The start position of the change. */
  startPosition;
  /** The end position of the change before the edit. */
  oldEndPosition;
  /** The end position of the change after the edit. */
  newEndPosition;
  /** The start index of the change. */
  startIndex;
  /** The end index of the change before the edit. */
  oldEndIndex;
  /** The end index of the change after the edit. */
  newEndIndex;
  constructor({
    startIndex,
    oldEndIndex,
    newEndIndex,
    startPosition,
    oldEndPosition,
    newEndPosition
  }) {
    this.startIndex = startIndex >>> 0;
    this.oldEndIndex = oldEndIndex >>> 0;
    this.newEndIndex = newEndIndex >>> 0;
    this.startPosition = startPosition;
    this.oldEndPosition = oldEndPosition;
    this.newEndPosition = newEndPosition;
  }
  /**
   * Edit a point and index to keep it in-sync with source code that has been edited.
   *
   * This function updates a single point's byte offset and row/column position
   * based on an edit operation. This is useful for editing points without
   * requiring a tree or node instance.
   */
  editPoint(point, index) {
    let newIndex = index;
    const newPoint = { ...point };
    if (index >= this.oldEndIndex) {
      newIndex = this.newEndIndex + (index - this.oldEndIndex);
      const originalRow = point.row;
      newPoint.row = this.newEndPosition.row + (point.row - this.oldEndPosition.row);
      newPoint.column = originalRow === this.oldEndPosition.row ? this.newEndPosition.column + (point.column - this.oldEndPosition.column) : point.column;
    } else if (index > this.startIndex) {
      newIndex = this.newEndIndex;
      newPoint.row = this.newEndPosition.row;
      newPoint.column = this.newEndPosition.column;
    }
    return { point: newPoint, index: newIndex };
  }
  /**
   * Edit a range to keep it in-sync with source code that has been edited.
   *
   * This function updates a range's start and end positions based on an edit
   * operation. This is useful for editing ranges without requiring a tree
   * or node instance.
   */
  editRange(range) {
    const newRange = {
      startIndex: range.startIndex,
      startPosition: { ...range.startPosition },
      endIndex: range.endIndex,
      endPosition: { ...range.endPosition }
    };
    if (range.endIndex >= this.oldEndIndex) {
      if (range.endIndex !== Number.MAX_SAFE_INTEGER) {
        newRange.endIndex = this.newEndIndex + (range.endIndex - this.oldEndIndex);
        newRange.endPosition = {
          row: this.newEndPosition.row + (range.endPosition.row - this.oldEndPosition.row),
          column: range.endPosition.row === this.oldEndPosition.row ? this.newEndPosition.column + (range.endPosition.column - this.oldEndPosition.column) : range.endPosition.column
        };
        if (newRange.endIndex < this.newEndIndex) {
          newRange.endIndex = Number.MAX_SAFE_INTEGER;
          newRange.endPosition = { row: Number.MAX_SAFE_INTEGER, column: Number.MAX_SAFE_INTEGER };
        }
      }
    } else if (range.endIndex > this.startIndex) {
      newRange.endIndex = this.startIndex;
      newRange.endPosition = { ...this.startPosition };
    }
    if (range.startIndex >= this.oldEndIndex) {
      newRange.startIndex = this.newEndIndex + (range.startIndex - this.oldEndIndex);
      newRange.startPosition = {
        row: this.newEndPosition.row + (range.startPosition.row - this.oldEndPosition.row),
        column: range.startPosition.row === this.oldEndPosition.row ? this.newEndPosition.column + (range.startPosition.column - this.oldEndPosition.column) : range.startPosition.column
      };
      if (newRange.startIndex < this.newEndIndex) {
        newRange.startIndex = Number.MAX_SAFE_INTEGER;
        newRange.startPosition = { row: Number.MAX_SAFE_INTEGER, column: Number.MAX_SAFE_INTEGER };
      }
    } else if (range.startIndex > this.startIndex) {
      newRange.startIndex = this.startIndex;
      newRange.startPosition = { ...this.startPosition };
    }
    return newRange;
  }
};
var SIZE_OF_SHORT = 2;
var SIZE_OF_INT = 4;
var SIZE_OF_CURSOR = 4 * SIZE_OF_INT;
var SIZE_OF_NODE = 5 * SIZE_OF_INT;
var SIZE_OF_POINT = 2 * SIZE_OF_INT;
var SIZE_OF_RANGE = 2 * SIZE_OF_INT + 2 * SIZE_OF_POINT;
var ZERO_POINT = { row: 0, column: 0 };
var INTERNAL = /* @__PURE__ */ Symbol("INTERNAL");
function assertInternal(x3) {
  if (x3 !== INTERNAL) throw new Error("Illegal constructor");
}
__name(assertInternal, "assertInternal");
function isPoint(point) {
  return !!point && typeof point.row === "number" && typeof point.column === "number";
}
__name(isPoint, "isPoint");
function setModule(module2) {
  C2 = module2;
}
__name(setModule, "setModule");
var C2;
function newFinalizer(handler) {
  try {
    return new FinalizationRegistry(handler);
  } catch (e) {
    console.error("Unsupported FinalizationRegistry:", e);
    return;
  }
}
__name(newFinalizer, "newFinalizer");
var finalizer = newFinalizer((address) => {
  C2._ts_lookahead_iterator_delete(address);
});
var LookaheadIterator = class {
  static {
    __name(this, "LookaheadIterator");
  }
  /** @internal */
  [0] = 0;
  // Internal handle for Wasm
  /** @internal */
  language;
  /** @internal */
  positioned = false;
  /** @internal */
  constructor(internal, address, language) {
    assertInternal(internal);
    this[0] = address;
    this.language = language;
    finalizer?.register(this, address, this);
  }
  /**
   * Get the current symbol of the lookahead iterator.
   *
   * Returns `null` if the iterator is not positioned on a symbol:
   *
   * - Before the first iteration step
   * - After the iterator is exhausted
   * - After a {@link reset} or {@link resetState} call
   */
  get currentTypeId() {
    return this.positioned ? C2._ts_lookahead_iterator_current_symbol(this[0]) : null;
  }
  /**
   * Get the current symbol name of the lookahead iterator.
   *
   * Returns `null` if the iterator is not positioned on a symbol.
   */
  get currentType() {
    const id = this.currentTypeId;
    if (id === null) return null;
    return this.language.types[id] ?? C2.UTF8ToString(C2._ts_language_symbol_name(this.language[0], id));
  }
  /** Delete the lookahead iterator, freeing its resources. */
  delete() {
    finalizer?.unregister(this);
    C2._ts_lookahead_iterator_delete(this[0]);
    this[0] = 0;
  }
  /**
   * Reset the lookahead iterator.
   *
   * This returns `true` if the language was set successfully and `false`
   * otherwise.
   */
  reset(language, stateId) {
    if (C2._ts_lookahead_iterator_reset(this[0], language[0], stateId)) {
      this.language = language;
      this.positioned = false;
      return true;
    }
    return false;
  }
  /**
   * Reset the lookahead iterator to another state.
   *
   * This returns `true` if the iterator was reset to the given state and
   * `false` otherwise.
   */
  resetState(stateId) {
    if (!C2._ts_lookahead_iterator_reset_state(this[0], stateId)) return false;
    this.positioned = false;
    return true;
  }
  /**
   * Returns an iterator that iterates over the symbols of the lookahead iterator.
   *
   * The iterator will yield the current symbol name as a string for each step
   * until there are no more symbols to iterate over.
   */
  [Symbol.iterator]() {
    return {
      next: /* @__PURE__ */ __name(() => {
        this.positioned = Boolean(C2._ts_lookahead_iterator_next(this[0]));
        const value = this.currentType;
        return value === null ? { done: true, value: "" } : { done: false, value };
      }, "next")
    };
  }
};
function getText(tree, startIndex, endIndex, startPosition) {
  const length = endIndex - startIndex;
  let result = tree.textCallback(startIndex, startPosition);
  if (result) {
    startIndex += result.length;
    while (startIndex < endIndex) {
      const string = tree.textCallback(startIndex, startPosition);
      if (string && string.length > 0) {
        startIndex += string.length;
        result += string;
      } else {
        break;
      }
    }
    if (startIndex > endIndex) {
      result = result.slice(0, length);
    }
  }
  return result ?? "";
}
__name(getText, "getText");
var finalizer2 = newFinalizer((address) => {
  C2._ts_tree_delete(address);
});
var Tree = class _Tree {
  static {
    __name(this, "Tree");
  }
  /** @internal */
  [0] = 0;
  // Internal handle for Wasm
  /** @internal */
  textCallback;
  /** The language that was used to parse the syntax tree. */
  language;
  /** @internal */
  constructor(internal, address, language, textCallback) {
    assertInternal(internal);
    this[0] = address;
    this.language = language;
    this.textCallback = textCallback;
    finalizer2?.register(this, address, this);
  }
  /** Create a shallow copy of the syntax tree. This is very fast. */
  copy() {
    const address = C2._ts_tree_copy(this[0]);
    return new _Tree(INTERNAL, address, this.language, this.textCallback);
  }
  /** Delete the syntax tree, freeing its resources. */
  delete() {
    finalizer2?.unregister(this);
    C2._ts_tree_delete(this[0]);
    this[0] = 0;
  }
  /** Get the root node of the syntax tree. */
  get rootNode() {
    C2._ts_tree_root_node_wasm(this[0]);
    return unmarshalNode(this);
  }
  /**
   * Get the root node of the syntax tree, but with its position shifted
   * forward by the given offset.
   */
  rootNodeWithOffset(offsetBytes, offsetExtent) {
    const address = TRANSFER_BUFFER + SIZE_OF_NODE;
    C2.setValue(address, offsetBytes, "i32");
    marshalPoint(address + SIZE_OF_INT, offsetExtent);
    C2._ts_tree_root_node_with_offset_wasm(this[0]);
    return unmarshalNode(this);
  }
  /**
   * Edit the syntax tree to keep it in sync with source code that has been
   * edited.
   *
   * You must describe the edit both in terms of byte offsets and in terms of
   * row/column coordinates.
   */
  edit(edit) {
    marshalEdit(edit);
    C2._ts_tree_edit_wasm(this[0]);
  }
  /** Create a new {@link TreeCursor} starting from the root of the tree. */
  walk() {
    return this.rootNode.walk();
  }
  /**
   * Compare this old edited syntax tree to a new syntax tree representing
   * the same document, returning a sequence of ranges whose syntactic
   * structure has changed.
   *
   * For this to work correctly, this syntax tree must have been edited such
   * that its ranges match up to the new tree. Generally, you'll want to
   * call this method right after calling one of the [`Parser::parse`]
   * functions. Call it on the old tree that was passed to parse, and
   * pass the new tree that was returned from `parse`.
   */
  getChangedRanges(other) {
    if (!(other instanceof _Tree)) {
      throw new TypeError("Argument must be a Tree");
    }
    C2._ts_tree_get_changed_ranges_wasm(this[0], other[0]);
    const count = C2.getValue(TRANSFER_BUFFER, "i32");
    const buffer2 = C2.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const result = new Array(count);
    if (count > 0) {
      let address = buffer2;
      for (let i2 = 0; i2 < count; i2++) {
        result[i2] = unmarshalRange(address);
        address += SIZE_OF_RANGE;
      }
      C2._free(buffer2);
    }
    return result;
  }
  /** Get the included ranges that were used to parse the syntax tree. */
  getIncludedRanges() {
    C2._ts_tree_included_ranges_wasm(this[0]);
    const count = C2.getValue(TRANSFER_BUFFER, "i32");
    const buffer2 = C2.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const result = new Array(count);
    if (count > 0) {
      let address = buffer2;
      for (let i2 = 0; i2 < count; i2++) {
        result[i2] = unmarshalRange(address);
        address += SIZE_OF_RANGE;
      }
      C2._free(buffer2);
    }
    return result;
  }
};
var finalizer3 = newFinalizer((address) => {
  C2._ts_tree_cursor_delete_wasm(address);
});
var TreeCursor = class _TreeCursor {
  static {
    __name(this, "TreeCursor");
  }
  /** @internal */
  // @ts-expect-error: never read
  [0] = 0;
  // Internal handle for Wasm
  /** @internal */
  // @ts-expect-error: never read
  [1] = 0;
  // Internal handle for Wasm
  /** @internal */
  // @ts-expect-error: never read
  [2] = 0;
  // Internal handle for Wasm
  /** @internal */
  // @ts-expect-error: never read
  [3] = 0;
  // Internal handle for Wasm
  /** @internal */
  tree;
  /** @internal */
  constructor(internal, tree) {
    assertInternal(internal);
    this.tree = tree;
    unmarshalTreeCursor(this);
    finalizer3?.register(this, this.tree[0], this);
  }
  /** Creates a deep copy of the tree cursor. This allocates new memory. */
  copy() {
    const copy = new _TreeCursor(INTERNAL, this.tree);
    C2._ts_tree_cursor_copy_wasm(this.tree[0]);
    unmarshalTreeCursor(copy);
    return copy;
  }
  /** Delete the tree cursor, freeing its resources. */
  delete() {
    finalizer3?.unregister(this);
    marshalTreeCursor(this);
    C2._ts_tree_cursor_delete_wasm(this.tree[0]);
    this[0] = this[1] = this[2] = 0;
  }
  /** Get the tree cursor's current {@link Node}. */
  get currentNode() {
    marshalTreeCursor(this);
    C2._ts_tree_cursor_current_node_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /**
   * Get the numerical field id of this tree cursor's current node.
   *
   * See also {@link TreeCursor#currentFieldName}.
   */
  get currentFieldId() {
    marshalTreeCursor(this);
    return C2._ts_tree_cursor_current_field_id_wasm(this.tree[0]);
  }
  /** Get the field name of this tree cursor's current node. */
  get currentFieldName() {
    return this.tree.language.fields[this.currentFieldId];
  }
  /**
   * Get the depth of the cursor's current node relative to the original
   * node that the cursor was constructed with.
   */
  get currentDepth() {
    marshalTreeCursor(this);
    return C2._ts_tree_cursor_current_depth_wasm(this.tree[0]);
  }
  /**
   * Get the index of the cursor's current node out of all of the
   * descendants of the original node that the cursor was constructed with.
   */
  get currentDescendantIndex() {
    marshalTreeCursor(this);
    return C2._ts_tree_cursor_current_descendant_index_wasm(this.tree[0]);
  }
  /** Get the type of the cursor's current node. */
  get nodeType() {
    return this.tree.language.types[this.nodeTypeId] || "ERROR";
  }
  /** Get the type id of the cursor's current node. */
  get nodeTypeId() {
    marshalTreeCursor(this);
    return C2._ts_tree_cursor_current_node_type_id_wasm(this.tree[0]);
  }
  /** Get the state id of the cursor's current node. */
  get nodeStateId() {
    marshalTreeCursor(this);
    return C2._ts_tree_cursor_current_node_state_id_wasm(this.tree[0]);
  }
  /** Get the id of the cursor's current node. */
  get nodeId() {
    marshalTreeCursor(this);
    return C2._ts_tree_cursor_current_node_id_wasm(this.tree[0]);
  }
  /**
   * Check if the cursor's current node is *named*.
   *
   * Named nodes correspond to named rules in the grammar, whereas
   * *anonymous* nodes correspond to string literals in the grammar.
   */
  get nodeIsNamed() {
    marshalTreeCursor(this);
    return C2._ts_tree_cursor_current_node_is_named_wasm(this.tree[0]) === 1;
  }
  /**
   * Check if the cursor's current node is *missing*.
   *
   * Missing nodes are inserted by the parser in order to recover from
   * certain kinds of syntax errors.
   */
  get nodeIsMissing() {
    marshalTreeCursor(this);
    return C2._ts_tree_cursor_current_node_is_missing_wasm(this.tree[0]) === 1;
  }
  /** Get the string content of the cursor's current node. */
  get nodeText() {
    marshalTreeCursor(this);
    const startIndex = C2._ts_tree_cursor_start_index_wasm(this.tree[0]);
    const endIndex = C2._ts_tree_cursor_end_index_wasm(this.tree[0]);
    C2._ts_tree_cursor_start_position_wasm(this.tree[0]);
    const startPosition = unmarshalPoint(TRANSFER_BUFFER);
    return getText(this.tree, startIndex, endIndex, startPosition);
  }
  /** Get the start position of the cursor's current node. */
  get startPosition() {
    marshalTreeCursor(this);
    C2._ts_tree_cursor_start_position_wasm(this.tree[0]);
    return unmarshalPoint(TRANSFER_BUFFER);
  }
  /** Get the end position of the cursor's current node. */
  get endPosition() {
    marshalTreeCursor(this);
    C2._ts_tree_cursor_end_position_wasm(this.tree[0]);
    return unmarshalPoint(TRANSFER_BUFFER);
  }
  /** Get the start index of the cursor's current node. */
  get startIndex() {
    marshalTreeCursor(this);
    return C2._ts_tree_cursor_start_index_wasm(this.tree[0]);
  }
  /** Get the end index of the cursor's current node. */
  get endIndex() {
    marshalTreeCursor(this);
    return C2._ts_tree_cursor_end_index_wasm(this.tree[0]);
  }
  /**
   * Move this cursor to the first child of its current node.
   *
   * This returns `true` if the cursor successfully moved, and returns
   * `false` if there were no children.
   */
  gotoFirstChild() {
    marshalTreeCursor(this);
    const result = C2._ts_tree_cursor_goto_first_child_wasm(this.tree[0]);
    unmarshalTreeCursor(this);
    return result === 1;
  }
  /**
   * Move this cursor to the last child of its current node.
   *
   * This returns `true` if the cursor successfully moved, and returns
   * `false` if there were no children.
   *
   * Note that this function may be slower than
   * {@link TreeCursor#gotoFirstChild} because it needs to
   * iterate through all the children to compute the child's position.
   */
  gotoLastChild() {
    marshalTreeCursor(this);
    const result = C2._ts_tree_cursor_goto_last_child_wasm(this.tree[0]);
    unmarshalTreeCursor(this);
    return result === 1;
  }
  /**
   * Move this cursor to the parent of its current node.
   *
   * This returns `true` if the cursor successfully moved, and returns
   * `false` if there was no parent node (the cursor was already on the
   * root node).
   *
   * Note that the node the cursor was constructed with is considered the root
   * of the cursor, and the cursor cannot walk outside this node.
   */
  gotoParent() {
    marshalTreeCursor(this);
    const result = C2._ts_tree_cursor_goto_parent_wasm(this.tree[0]);
    unmarshalTreeCursor(this);
    return result === 1;
  }
  /**
   * Move this cursor to the next sibling of its current node.
   *
   * This returns `true` if the cursor successfully moved, and returns
   * `false` if there was no next sibling node.
   *
   * Note that the node the cursor was constructed with is considered the root
   * of the cursor, and the cursor cannot walk outside this node.
   */
  gotoNextSibling() {
    marshalTreeCursor(this);
    const result = C2._ts_tree_cursor_goto_next_sibling_wasm(this.tree[0]);
    unmarshalTreeCursor(this);
    return result === 1;
  }
  /**
   * Move this cursor to the previous sibling of its current node.
   *
   * This returns `true` if the cursor successfully moved, and returns
   * `false` if there was no previous sibling node.
   *
   * Note that this function may be slower than
   * {@link TreeCursor#gotoNextSibling} due to how node
   * positions are stored. In the worst case, this will need to iterate
   * through all the children up to the previous sibling node to recalculate
   * its position. Also note that the node the cursor was constructed with is
   * considered the root of the cursor, and the cursor cannot walk outside this node.
   */
  gotoPreviousSibling() {
    marshalTreeCursor(this);
    const result = C2._ts_tree_cursor_goto_previous_sibling_wasm(this.tree[0]);
    unmarshalTreeCursor(this);
    return result === 1;
  }
  /**
   * Move the cursor to the node that is the nth descendant of
   * the original node that the cursor was constructed with, where
   * zero represents the original node itself.
   */
  gotoDescendant(goalDescendantIndex) {
    marshalTreeCursor(this);
    C2._ts_tree_cursor_goto_descendant_wasm(this.tree[0], goalDescendantIndex);
    unmarshalTreeCursor(this);
  }
  /**
   * Move this cursor to the first child of its current node that contains or
   * starts after the given byte offset.
   *
   * This returns `true` if the cursor successfully moved to a child node, and returns
   * `false` if no such child was found.
   */
  gotoFirstChildForIndex(goalIndex) {
    marshalTreeCursor(this);
    C2.setValue(TRANSFER_BUFFER + SIZE_OF_CURSOR, goalIndex, "i32");
    const result = C2._ts_tree_cursor_goto_first_child_for_index_wasm(this.tree[0]);
    unmarshalTreeCursor(this);
    return result === 1;
  }
  /**
   * Move this cursor to the first child of its current node that contains or
   * starts after the given byte offset.
   *
   * This returns the index of the child node if one was found, and returns
   * `null` if no such child was found.
   */
  gotoFirstChildForPosition(goalPosition) {
    marshalTreeCursor(this);
    marshalPoint(TRANSFER_BUFFER + SIZE_OF_CURSOR, goalPosition);
    const result = C2._ts_tree_cursor_goto_first_child_for_position_wasm(this.tree[0]);
    unmarshalTreeCursor(this);
    return result === 1;
  }
  /**
   * Re-initialize this tree cursor to start at the original node that the
   * cursor was constructed with.
   */
  reset(node) {
    marshalNode(node);
    marshalTreeCursor(this, TRANSFER_BUFFER + SIZE_OF_NODE);
    C2._ts_tree_cursor_reset_wasm(this.tree[0]);
    unmarshalTreeCursor(this);
  }
  /**
   * Re-initialize a tree cursor to the same position as another cursor.
   *
   * Unlike {@link TreeCursor#reset}, this will not lose parent
   * information and allows reusing already created cursors.
   */
  resetTo(cursor) {
    marshalTreeCursor(this, TRANSFER_BUFFER);
    marshalTreeCursor(cursor, TRANSFER_BUFFER + SIZE_OF_CURSOR);
    C2._ts_tree_cursor_reset_to_wasm(this.tree[0], cursor.tree[0]);
    unmarshalTreeCursor(this);
  }
};
var Node = class {
  static {
    __name(this, "Node");
  }
  /** @internal */
  // @ts-expect-error: never read
  [0] = 0;
  // Internal handle for Wasm
  /** @internal */
  _children;
  /** @internal */
  _namedChildren;
  /** @internal */
  constructor(internal, {
    id,
    tree,
    startIndex,
    startPosition,
    other
  }) {
    assertInternal(internal);
    this[0] = other;
    this.id = id;
    this.tree = tree;
    this.startIndex = startIndex;
    this.startPosition = startPosition;
  }
  /**
   * The numeric id for this node that is unique.
   *
   * Within a given syntax tree, no two nodes have the same id. However:
   *
   * * If a new tree is created based on an older tree, and a node from the old tree is reused in
   *   the process, then that node will have the same id in both trees.
   *
   * * A node not marked as having changes does not guarantee it was reused.
   *
   * * If a node is marked as having changed in the old tree, it will not be reused.
   */
  id;
  /** The byte index where this node starts. */
  startIndex;
  /** The position where this node starts. */
  startPosition;
  /** The tree that this node belongs to. */
  tree;
  /** Get this node's type as a numerical id. */
  get typeId() {
    marshalNode(this);
    return C2._ts_node_symbol_wasm(this.tree[0]);
  }
  /**
   * Get the node's type as a numerical id as it appears in the grammar,
   * ignoring aliases.
   */
  get grammarId() {
    marshalNode(this);
    return C2._ts_node_grammar_symbol_wasm(this.tree[0]);
  }
  /** Get this node's type as a string. */
  get type() {
    return this.tree.language.types[this.typeId] || "ERROR";
  }
  /**
   * Get this node's symbol name as it appears in the grammar, ignoring
   * aliases as a string.
   */
  get grammarType() {
    return this.tree.language.types[this.grammarId] || "ERROR";
  }
  /**
   * Check if this node is *named*.
   *
   * Named nodes correspond to named rules in the grammar, whereas
   * *anonymous* nodes correspond to string literals in the grammar.
   */
  get isNamed() {
    marshalNode(this);
    return C2._ts_node_is_named_wasm(this.tree[0]) === 1;
  }
  /**
   * Check if this node is *extra*.
   *
   * Extra nodes represent things like comments, which are not required
   * by the grammar, but can appear anywhere.
   */
  get isExtra() {
    marshalNode(this);
    return C2._ts_node_is_extra_wasm(this.tree[0]) === 1;
  }
  /**
   * Check if this node represents a syntax error.
   *
   * Syntax errors represent parts of the code that could not be incorporated
   * into a valid syntax tree.
   */
  get isError() {
    marshalNode(this);
    return C2._ts_node_is_error_wasm(this.tree[0]) === 1;
  }
  /**
   * Check if this node is *missing*.
   *
   * Missing nodes are inserted by the parser in order to recover from
   * certain kinds of syntax errors.
   */
  get isMissing() {
    marshalNode(this);
    return C2._ts_node_is_missing_wasm(this.tree[0]) === 1;
  }
  /** Check if this node has been edited. */
  get hasChanges() {
    marshalNode(this);
    return C2._ts_node_has_changes_wasm(this.tree[0]) === 1;
  }
  /**
   * Check if this node represents a syntax error or contains any syntax
   * errors anywhere within it.
   */
  get hasError() {
    marshalNode(this);
    return C2._ts_node_has_error_wasm(this.tree[0]) === 1;
  }
  /** Get the byte index where this node ends. */
  get endIndex() {
    marshalNode(this);
    return C2._ts_node_end_index_wasm(this.tree[0]);
  }
  /** Get the position where this node ends. */
  get endPosition() {
    marshalNode(this);
    C2._ts_node_end_point_wasm(this.tree[0]);
    return unmarshalPoint(TRANSFER_BUFFER);
  }
  /** Get the string content of this node. */
  get text() {
    return getText(this.tree, this.startIndex, this.endIndex, this.startPosition);
  }
  /** Get this node's parse state. */
  get parseState() {
    marshalNode(this);
    return C2._ts_node_parse_state_wasm(this.tree[0]);
  }
  /** Get the parse state after this node. */
  get nextParseState() {
    marshalNode(this);
    return C2._ts_node_next_parse_state_wasm(this.tree[0]);
  }
  /** Check if this node is equal to another node. */
  equals(other) {
    return this.tree === other.tree && this.id === other.id;
  }
  /**
   * Get the node's child at the given index, where zero represents the first child.
   *
   * This method is fairly fast, but its cost is technically log(n), so if
   * you might be iterating over a long list of children, you should use
   * {@link Node#children} instead.
   */
  child(index) {
    marshalNode(this);
    C2._ts_node_child_wasm(this.tree[0], index);
    return unmarshalNode(this.tree);
  }
  /**
   * Get this node's *named* child at the given index.
   *
   * See also {@link Node#isNamed}.
   * This method is fairly fast, but its cost is technically log(n), so if
   * you might be iterating over a long list of children, you should use
   * {@link Node#namedChildren} instead.
   */
  namedChild(index) {
    marshalNode(this);
    C2._ts_node_named_child_wasm(this.tree[0], index);
    return unmarshalNode(this.tree);
  }
  /**
   * Get this node's child with the given numerical field id.
   *
   * See also {@link Node#childForFieldName}. You can
   * convert a field name to an id using {@link Language#fieldIdForName}.
   */
  childForFieldId(fieldId) {
    marshalNode(this);
    C2._ts_node_child_by_field_id_wasm(this.tree[0], fieldId);
    return unmarshalNode(this.tree);
  }
  /**
   * Get the first child with the given field name.
   *
   * If multiple children may have the same field name, access them using
   * {@link Node#childrenForFieldName}.
   */
  childForFieldName(fieldName) {
    const fieldId = this.tree.language.fields.indexOf(fieldName);
    if (fieldId !== -1) return this.childForFieldId(fieldId);
    return null;
  }
  /** Get the field name of this node's child at the given index. */
  fieldNameForChild(index) {
    marshalNode(this);
    const address = C2._ts_node_field_name_for_child_wasm(this.tree[0], index);
    if (!address) return null;
    return C2.AsciiToString(address);
  }
  /** Get the field name of this node's named child at the given index. */
  fieldNameForNamedChild(index) {
    marshalNode(this);
    const address = C2._ts_node_field_name_for_named_child_wasm(this.tree[0], index);
    if (!address) return null;
    return C2.AsciiToString(address);
  }
  /**
   * Get an array of this node's children with a given field name.
   *
   * See also {@link Node#children}.
   */
  childrenForFieldName(fieldName) {
    const fieldId = this.tree.language.fields.indexOf(fieldName);
    if (fieldId !== -1 && fieldId !== 0) return this.childrenForFieldId(fieldId);
    return [];
  }
  /**
    * Get an array of this node's children with a given field id.
    *
    * See also {@link Node#childrenForFieldName}.
    */
  childrenForFieldId(fieldId) {
    marshalNode(this);
    C2._ts_node_children_by_field_id_wasm(this.tree[0], fieldId);
    const count = C2.getValue(TRANSFER_BUFFER, "i32");
    const buffer2 = C2.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const result = new Array(count);
    if (count > 0) {
      let address = buffer2;
      for (let i2 = 0; i2 < count; i2++) {
        result[i2] = unmarshalNode(this.tree, address);
        address += SIZE_OF_NODE;
      }
      C2._free(buffer2);
    }
    return result;
  }
  /** Get the node's first child that contains or starts after the given byte offset. */
  firstChildForIndex(index) {
    marshalNode(this);
    const address = TRANSFER_BUFFER + SIZE_OF_NODE;
    C2.setValue(address, index, "i32");
    C2._ts_node_first_child_for_byte_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /** Get the node's first named child that contains or starts after the given byte offset. */
  firstNamedChildForIndex(index) {
    marshalNode(this);
    const address = TRANSFER_BUFFER + SIZE_OF_NODE;
    C2.setValue(address, index, "i32");
    C2._ts_node_first_named_child_for_byte_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /** Get this node's number of children. */
  get childCount() {
    marshalNode(this);
    return C2._ts_node_child_count_wasm(this.tree[0]);
  }
  /**
   * Get this node's number of *named* children.
   *
   * See also {@link Node#isNamed}.
   */
  get namedChildCount() {
    marshalNode(this);
    return C2._ts_node_named_child_count_wasm(this.tree[0]);
  }
  /** Get this node's first child. */
  get firstChild() {
    return this.child(0);
  }
  /**
   * Get this node's first named child.
   *
   * See also {@link Node#isNamed}.
   */
  get firstNamedChild() {
    return this.namedChild(0);
  }
  /** Get this node's last child. */
  get lastChild() {
    return this.child(this.childCount - 1);
  }
  /**
   * Get this node's last named child.
   *
   * See also {@link Node#isNamed}.
   */
  get lastNamedChild() {
    return this.namedChild(this.namedChildCount - 1);
  }
  /**
   * Iterate over this node's children.
   *
   * If you're walking the tree recursively, you may want to use the
   * {@link TreeCursor} APIs directly instead.
   */
  get children() {
    if (!this._children) {
      marshalNode(this);
      C2._ts_node_children_wasm(this.tree[0]);
      const count = C2.getValue(TRANSFER_BUFFER, "i32");
      const buffer2 = C2.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
      this._children = new Array(count);
      if (count > 0) {
        let address = buffer2;
        for (let i2 = 0; i2 < count; i2++) {
          this._children[i2] = unmarshalNode(this.tree, address);
          address += SIZE_OF_NODE;
        }
        C2._free(buffer2);
      }
    }
    return this._children;
  }
  /**
   * Iterate over this node's named children.
   *
   * See also {@link Node#children}.
   */
  get namedChildren() {
    if (!this._namedChildren) {
      marshalNode(this);
      C2._ts_node_named_children_wasm(this.tree[0]);
      const count = C2.getValue(TRANSFER_BUFFER, "i32");
      const buffer2 = C2.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
      this._namedChildren = new Array(count);
      if (count > 0) {
        let address = buffer2;
        for (let i2 = 0; i2 < count; i2++) {
          this._namedChildren[i2] = unmarshalNode(this.tree, address);
          address += SIZE_OF_NODE;
        }
        C2._free(buffer2);
      }
    }
    return this._namedChildren;
  }
  /**
   * Get the descendants of this node that are the given type, or in the given types array.
   *
   * The types array should contain node type strings, which can be retrieved from {@link Language#types}.
   *
   * Additionally, a `startPosition` and `endPosition` can be passed in to restrict the search to a byte range.
   */
  descendantsOfType(types, startPosition = ZERO_POINT, endPosition = ZERO_POINT) {
    if (!Array.isArray(types)) types = [types];
    const symbols = [];
    const typesBySymbol = this.tree.language.types;
    for (const node_type of types) {
      if (node_type == "ERROR") {
        symbols.push(65535);
      }
    }
    for (let i2 = 0, n = typesBySymbol.length; i2 < n; i2++) {
      if (types.includes(typesBySymbol[i2])) {
        symbols.push(i2);
      }
    }
    const symbolsAddress = C2._malloc(SIZE_OF_INT * symbols.length);
    for (let i2 = 0, n = symbols.length; i2 < n; i2++) {
      C2.setValue(symbolsAddress + i2 * SIZE_OF_INT, symbols[i2], "i32");
    }
    marshalNode(this);
    C2._ts_node_descendants_of_type_wasm(
      this.tree[0],
      symbolsAddress,
      symbols.length,
      startPosition.row,
      startPosition.column,
      endPosition.row,
      endPosition.column
    );
    const descendantCount = C2.getValue(TRANSFER_BUFFER, "i32");
    const descendantAddress = C2.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const result = new Array(descendantCount);
    if (descendantCount > 0) {
      let address = descendantAddress;
      for (let i2 = 0; i2 < descendantCount; i2++) {
        result[i2] = unmarshalNode(this.tree, address);
        address += SIZE_OF_NODE;
      }
    }
    C2._free(descendantAddress);
    C2._free(symbolsAddress);
    return result;
  }
  /** Get this node's next sibling. */
  get nextSibling() {
    marshalNode(this);
    C2._ts_node_next_sibling_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /** Get this node's previous sibling. */
  get previousSibling() {
    marshalNode(this);
    C2._ts_node_prev_sibling_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /**
   * Get this node's next *named* sibling.
   *
   * See also {@link Node#isNamed}.
   */
  get nextNamedSibling() {
    marshalNode(this);
    C2._ts_node_next_named_sibling_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /**
   * Get this node's previous *named* sibling.
   *
   * See also {@link Node#isNamed}.
   */
  get previousNamedSibling() {
    marshalNode(this);
    C2._ts_node_prev_named_sibling_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /** Get the node's number of descendants, including one for the node itself. */
  get descendantCount() {
    marshalNode(this);
    return C2._ts_node_descendant_count_wasm(this.tree[0]);
  }
  /**
   * Get this node's immediate parent.
   * Prefer {@link Node#childWithDescendant} for iterating over this node's ancestors.
   */
  get parent() {
    marshalNode(this);
    C2._ts_node_parent_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /**
   * Get the node that contains `descendant`.
   *
   * Note that this can return `descendant` itself.
   */
  childWithDescendant(descendant) {
    marshalNode(this);
    marshalNode(descendant, 1);
    C2._ts_node_child_with_descendant_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /** Get the smallest node within this node that spans the given byte range. */
  descendantForIndex(start2, end = start2) {
    if (typeof start2 !== "number" || typeof end !== "number") {
      throw new Error("Arguments must be numbers");
    }
    marshalNode(this);
    const address = TRANSFER_BUFFER + SIZE_OF_NODE;
    C2.setValue(address, start2, "i32");
    C2.setValue(address + SIZE_OF_INT, end, "i32");
    C2._ts_node_descendant_for_index_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /** Get the smallest named node within this node that spans the given byte range. */
  namedDescendantForIndex(start2, end = start2) {
    if (typeof start2 !== "number" || typeof end !== "number") {
      throw new Error("Arguments must be numbers");
    }
    marshalNode(this);
    const address = TRANSFER_BUFFER + SIZE_OF_NODE;
    C2.setValue(address, start2, "i32");
    C2.setValue(address + SIZE_OF_INT, end, "i32");
    C2._ts_node_named_descendant_for_index_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /** Get the smallest node within this node that spans the given point range. */
  descendantForPosition(start2, end = start2) {
    if (!isPoint(start2) || !isPoint(end)) {
      throw new Error("Arguments must be {row, column} objects");
    }
    marshalNode(this);
    const address = TRANSFER_BUFFER + SIZE_OF_NODE;
    marshalPoint(address, start2);
    marshalPoint(address + SIZE_OF_POINT, end);
    C2._ts_node_descendant_for_position_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /** Get the smallest named node within this node that spans the given point range. */
  namedDescendantForPosition(start2, end = start2) {
    if (!isPoint(start2) || !isPoint(end)) {
      throw new Error("Arguments must be {row, column} objects");
    }
    marshalNode(this);
    const address = TRANSFER_BUFFER + SIZE_OF_NODE;
    marshalPoint(address, start2);
    marshalPoint(address + SIZE_OF_POINT, end);
    C2._ts_node_named_descendant_for_position_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /**
   * Create a new {@link TreeCursor} starting from this node.
   *
   * Note that the given node is considered the root of the cursor,
   * and the cursor cannot walk outside this node.
   */
  walk() {
    marshalNode(this);
    C2._ts_tree_cursor_new_wasm(this.tree[0]);
    return new TreeCursor(INTERNAL, this.tree);
  }
  /**
   * Edit this node to keep it in-sync with source code that has been edited.
   *
   * This function is only rarely needed. When you edit a syntax tree with
   * the {@link Tree#edit} method, all of the nodes that you retrieve from
   * the tree afterward will already reflect the edit. You only need to
   * use {@link Node#edit} when you have a specific {@link Node} instance that
   * you want to keep and continue to use after an edit.
   */
  edit(edit) {
    if (this.startIndex >= edit.oldEndIndex) {
      this.startIndex = edit.newEndIndex + (this.startIndex - edit.oldEndIndex);
      let subbedPointRow;
      let subbedPointColumn;
      if (this.startPosition.row > edit.oldEndPosition.row) {
        subbedPointRow = this.startPosition.row - edit.oldEndPosition.row;
        subbedPointColumn = this.startPosition.column;
      } else {
        subbedPointRow = 0;
        subbedPointColumn = this.startPosition.column;
        if (this.startPosition.column >= edit.oldEndPosition.column) {
          subbedPointColumn = this.startPosition.column - edit.oldEndPosition.column;
        }
      }
      if (subbedPointRow > 0) {
        this.startPosition.row += subbedPointRow;
        this.startPosition.column = subbedPointColumn;
      } else {
        this.startPosition.column += subbedPointColumn;
      }
    } else if (this.startIndex > edit.startIndex) {
      this.startIndex = edit.newEndIndex;
      this.startPosition.row = edit.newEndPosition.row;
      this.startPosition.column = edit.newEndPosition.column;
    }
  }
  /** Get the S-expression representation of this node. */
  toString() {
    marshalNode(this);
    const address = C2._ts_node_to_string_wasm(this.tree[0]);
    const result = C2.AsciiToString(address);
    C2._free(address);
    return result;
  }
};
function unmarshalCaptures(query, tree, address, patternIndex, result) {
  for (let i2 = 0, n = result.length; i2 < n; i2++) {
    const captureIndex = C2.getValue(address, "i32");
    address += SIZE_OF_INT;
    const node = unmarshalNode(tree, address);
    address += SIZE_OF_NODE;
    result[i2] = { patternIndex, name: query.captureNames[captureIndex], node };
  }
  return address;
}
__name(unmarshalCaptures, "unmarshalCaptures");
function marshalNode(node, index = 0) {
  let address = TRANSFER_BUFFER + index * SIZE_OF_NODE;
  C2.setValue(address, node.id, "i32");
  address += SIZE_OF_INT;
  C2.setValue(address, node.startIndex, "i32");
  address += SIZE_OF_INT;
  C2.setValue(address, node.startPosition.row, "i32");
  address += SIZE_OF_INT;
  C2.setValue(address, node.startPosition.column, "i32");
  address += SIZE_OF_INT;
  C2.setValue(address, node[0], "i32");
}
__name(marshalNode, "marshalNode");
function unmarshalNode(tree, address = TRANSFER_BUFFER) {
  const id = C2.getValue(address, "i32");
  address += SIZE_OF_INT;
  if (id === 0) return null;
  const index = C2.getValue(address, "i32");
  address += SIZE_OF_INT;
  const row = C2.getValue(address, "i32");
  address += SIZE_OF_INT;
  const column = C2.getValue(address, "i32");
  address += SIZE_OF_INT;
  const other = C2.getValue(address, "i32");
  const result = new Node(INTERNAL, {
    id,
    tree,
    startIndex: index,
    startPosition: { row, column },
    other
  });
  return result;
}
__name(unmarshalNode, "unmarshalNode");
function marshalTreeCursor(cursor, address = TRANSFER_BUFFER) {
  C2.setValue(address + 0 * SIZE_OF_INT, cursor[0], "i32");
  C2.setValue(address + 1 * SIZE_OF_INT, cursor[1], "i32");
  C2.setValue(address + 2 * SIZE_OF_INT, cursor[2], "i32");
  C2.setValue(address + 3 * SIZE_OF_INT, cursor[3], "i32");
}
__name(marshalTreeCursor, "marshalTreeCursor");
function unmarshalTreeCursor(cursor) {
  cursor[0] = C2.getValue(TRANSFER_BUFFER + 0 * SIZE_OF_INT, "i32");
  cursor[1] = C2.getValue(TRANSFER_BUFFER + 1 * SIZE_OF_INT, "i32");
  cursor[2] = C2.getValue(TRANSFER_BUFFER + 2 * SIZE_OF_INT, "i32");
  cursor[3] = C2.getValue(TRANSFER_BUFFER + 3 * SIZE_OF_INT, "i32");
}
__name(unmarshalTreeCursor, "unmarshalTreeCursor");
function marshalPoint(address, point) {
  C2.setValue(address, point.row, "i32");
  C2.setValue(address + SIZE_OF_INT, point.column, "i32");
}
__name(marshalPoint, "marshalPoint");
function unmarshalPoint(address) {
  const result = {
    row: C2.getValue(address, "i32") >>> 0,
    column: C2.getValue(address + SIZE_OF_INT, "i32") >>> 0
  };
  return result;
}
__name(unmarshalPoint, "unmarshalPoint");
function marshalRange(address, range) {
  marshalPoint(address, range.startPosition);
  address += SIZE_OF_POINT;
  marshalPoint(address, range.endPosition);
  address += SIZE_OF_POINT;
  C2.setValue(address, range.startIndex, "i32");
  address += SIZE_OF_INT;
  C2.setValue(address, range.endIndex, "i32");
  address += SIZE_OF_INT;
}
__name(marshalRange, "marshalRange");
function unmarshalRange(address) {
  const result = {};
  result.startPosition = unmarshalPoint(address);
  address += SIZE_OF_POINT;
  result.endPosition = unmarshalPoint(address);
  address += SIZE_OF_POINT;
  result.startIndex = C2.getValue(address, "i32") >>> 0;
  address += SIZE_OF_INT;
  result.endIndex = C2.getValue(address, "i32") >>> 0;
  return result;
}
__name(unmarshalRange, "unmarshalRange");
function marshalEdit(edit, address = TRANSFER_BUFFER) {
  marshalPoint(address, edit.startPosition);
  address += SIZE_OF_POINT;
  marshalPoint(address, edit.oldEndPosition);
  address += SIZE_OF_POINT;
  marshalPoint(address, edit.newEndPosition);
  address += SIZE_OF_POINT;
  C2.setValue(address, edit.startIndex, "i32");
  address += SIZE_OF_INT;
  C2.setValue(address, edit.oldEndIndex, "i32");
  address += SIZE_OF_INT;
  C2.setValue(address, edit.newEndIndex, "i32");
  address += SIZE_OF_INT;
}
__name(marshalEdit, "marshalEdit");
function unmarshalLanguageMetadata(address) {
  const major_version = C2.getValue(address, "i32");
  const minor_version = C2.getValue(address += SIZE_OF_INT, "i32");
  const patch_version = C2.getValue(address += SIZE_OF_INT, "i32");
  return { major_version, minor_version, patch_version };
}
__name(unmarshalLanguageMetadata, "unmarshalLanguageMetadata");
var LANGUAGE_FUNCTION_REGEX = /^tree_sitter_\w+$/;
var Language = class _Language {
  static {
    __name(this, "Language");
  }
  /** @internal */
  [0] = 0;
  // Internal handle for Wasm
  /**
   * A list of all node types in the language. The index of each type in this
   * array is its node type id.
   */
  types;
  /**
   * A list of all field names in the language. The index of each field name in
   * this array is its field id.
   */
  fields;
  /** @internal */
  constructor(internal, address) {
    assertInternal(internal);
    this[0] = address;
    this.types = new Array(C2._ts_language_symbol_count(this[0]));
    for (let i2 = 0, n = this.types.length; i2 < n; i2++) {
      if (C2._ts_language_symbol_type(this[0], i2) < 2) {
        this.types[i2] = C2.UTF8ToString(C2._ts_language_symbol_name(this[0], i2));
      }
    }
    this.fields = new Array(C2._ts_language_field_count(this[0]) + 1);
    for (let i2 = 0, n = this.fields.length; i2 < n; i2++) {
      const fieldName = C2._ts_language_field_name_for_id(this[0], i2);
      if (fieldName !== 0) {
        this.fields[i2] = C2.UTF8ToString(fieldName);
      } else {
        this.fields[i2] = null;
      }
    }
  }
  /**
   * Gets the name of the language.
   */
  get name() {
    const ptr = C2._ts_language_name(this[0]);
    if (ptr === 0) return null;
    return C2.UTF8ToString(ptr);
  }
  /**
   * Gets the ABI version of the language.
   */
  get abiVersion() {
    return C2._ts_language_abi_version(this[0]);
  }
  /**
  * Get the metadata for this language. This information is generated by the
  * CLI, and relies on the language author providing the correct metadata in
  * the language's `tree-sitter.json` file.
  */
  get metadata() {
    C2._ts_language_metadata_wasm(this[0]);
    const length = C2.getValue(TRANSFER_BUFFER, "i32");
    if (length === 0) return null;
    return unmarshalLanguageMetadata(TRANSFER_BUFFER + SIZE_OF_INT);
  }
  /**
   * Gets the number of fields in the language.
   */
  get fieldCount() {
    return this.fields.length - 1;
  }
  /**
   * Gets the number of states in the language.
   */
  get stateCount() {
    return C2._ts_language_state_count(this[0]);
  }
  /**
   * Get the field id for a field name.
   */
  fieldIdForName(fieldName) {
    const result = this.fields.indexOf(fieldName);
    return result !== -1 ? result : null;
  }
  /**
   * Get the field name for a field id.
   */
  fieldNameForId(fieldId) {
    return this.fields[fieldId] ?? null;
  }
  /**
   * Get the node type id for a node type name.
   */
  idForNodeType(type, named2) {
    const typeLength = C2.lengthBytesUTF8(type);
    const typeAddress = C2._malloc(typeLength + 1);
    C2.stringToUTF8(type, typeAddress, typeLength + 1);
    const result = C2._ts_language_symbol_for_name(this[0], typeAddress, typeLength, named2 ? 1 : 0);
    C2._free(typeAddress);
    return result || null;
  }
  /**
   * Gets the number of node types in the language.
   */
  get nodeTypeCount() {
    return C2._ts_language_symbol_count(this[0]);
  }
  /**
   * Get the node type name for a node type id.
   */
  nodeTypeForId(typeId) {
    const name2 = C2._ts_language_symbol_name(this[0], typeId);
    return name2 ? C2.UTF8ToString(name2) : null;
  }
  /**
   * Check if a node type is named.
   *
   * @see {@link https://tree-sitter.github.io/tree-sitter/using-parsers/2-basic-parsing.html#named-vs-anonymous-nodes}
   */
  nodeTypeIsNamed(typeId) {
    return C2._ts_language_type_is_named_wasm(this[0], typeId) ? true : false;
  }
  /**
   * Check if a node type is visible.
   */
  nodeTypeIsVisible(typeId) {
    return C2._ts_language_type_is_visible_wasm(this[0], typeId) ? true : false;
  }
  /**
   * Get the supertypes ids of this language.
   *
   * @see {@link https://tree-sitter.github.io/tree-sitter/using-parsers/6-static-node-types.html?highlight=supertype#supertype-nodes}
   */
  get supertypes() {
    C2._ts_language_supertypes_wasm(this[0]);
    const count = C2.getValue(TRANSFER_BUFFER, "i32");
    const buffer2 = C2.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const result = new Array(count);
    if (count > 0) {
      let address = buffer2;
      for (let i2 = 0; i2 < count; i2++) {
        result[i2] = C2.getValue(address, "i16");
        address += SIZE_OF_SHORT;
      }
    }
    return result;
  }
  /**
   * Get the subtype ids for a given supertype node id.
   */
  subtypes(supertype) {
    C2._ts_language_subtypes_wasm(this[0], supertype);
    const count = C2.getValue(TRANSFER_BUFFER, "i32");
    const buffer2 = C2.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const result = new Array(count);
    if (count > 0) {
      let address = buffer2;
      for (let i2 = 0; i2 < count; i2++) {
        result[i2] = C2.getValue(address, "i16");
        address += SIZE_OF_SHORT;
      }
    }
    return result;
  }
  /**
   * Get the next state id for a given state id and node type id.
   */
  nextState(stateId, typeId) {
    return C2._ts_language_next_state(this[0], stateId, typeId);
  }
  /**
   * Create a new lookahead iterator for this language and parse state.
   *
   * This returns `null` if state is invalid for this language.
   *
   * Iterating {@link LookaheadIterator} will yield valid symbols in the given
   * parse state. A newly created iterator is not positioned on a symbol, so
   * {@link LookaheadIterator#currentType} returns `null` until the first
   * iteration step.
   *
   * Lookahead iterators can be useful for generating suggestions and improving
   * syntax error diagnostics. To get symbols valid in an `ERROR` node, use the
   * lookahead iterator on its first leaf node state. For `MISSING` nodes, a
   * lookahead iterator created on the previous non-extra leaf node may be
   * appropriate.
   */
  lookaheadIterator(stateId) {
    const address = C2._ts_lookahead_iterator_new(this[0], stateId);
    if (address) return new LookaheadIterator(INTERNAL, address, this);
    return null;
  }
  /**
   * Load a language from a WebAssembly module.
   * The module can be provided as a path to a file, a `URL` to a file, or as a
   * buffer.
   */
  static async load(input) {
    let binary2;
    if (input instanceof Uint8Array) {
      binary2 = input;
    } else if (globalThis.process?.versions.node) {
      const fs22 = await import("fs/promises");
      binary2 = await fs22.readFile(input);
    } else {
      const response = await fetch(input);
      if (!response.ok) {
        const body2 = await response.text();
        throw new Error(`Language.load failed with status ${response.status}.

${body2}`);
      }
      const retryResp = response.clone();
      try {
        binary2 = await WebAssembly.compileStreaming(response);
      } catch (reason) {
        console.error("wasm streaming compile failed:", reason);
        console.error("falling back to ArrayBuffer instantiation");
        binary2 = new Uint8Array(await retryResp.arrayBuffer());
      }
    }
    const mod = await C2.loadWebAssemblyModule(binary2, { loadAsync: true });
    return _Language.loadFromWasmExports(mod, { sync: false });
  }
  static loadFromWasmExports(mod, { sync }) {
    const symbolNames = Object.keys(mod);
    const functionName = symbolNames.find((key) => LANGUAGE_FUNCTION_REGEX.test(key) && !key.includes("external_scanner_"));
    if (!functionName) {
      console.log(`Couldn't find language function in Wasm file. Symbols:
${JSON.stringify(symbolNames, null, 2)}`);
      throw new Error(`Language.${sync ? "loadSync" : "load"} failed: no language function found in Wasm file`);
    }
    const languageAddress = mod[functionName]();
    return new _Language(INTERNAL, languageAddress);
  }
  /**
   * Load a language synchronously from a pre-compiled WebAssembly module.
   * Use this when the host environment provides a `WebAssembly.Module` directly.
   */
  static loadSync(wasmModule) {
    const mod = C2.loadWebAssemblyModule(wasmModule, { loadAsync: false });
    return _Language.loadFromWasmExports(mod, { sync: true });
  }
};
async function Module2(moduleArg = {}) {
  var moduleRtn;
  var Module = moduleArg;
  var ENVIRONMENT_IS_WEB = typeof window == "object";
  var ENVIRONMENT_IS_WORKER = typeof WorkerGlobalScope != "undefined";
  var ENVIRONMENT_IS_NODE = typeof process == "object" && process.versions?.node && process.type != "renderer";
  if (ENVIRONMENT_IS_NODE) {
    const { createRequire: createRequire2 } = await import("module");
    var require = createRequire2(import.meta.url);
  }
  Module.currentQueryProgressCallback = null;
  Module.currentProgressCallback = null;
  Module.currentLogCallback = null;
  Module.currentParseCallback = null;
  var arguments_ = [];
  var thisProgram = "./this.program";
  var quit_ = /* @__PURE__ */ __name((status, toThrow) => {
    throw toThrow;
  }, "quit_");
  var _scriptName = import.meta.url;
  var scriptDirectory = "";
  function locateFile(path) {
    if (Module["locateFile"]) {
      return Module["locateFile"](path, scriptDirectory);
    }
    return scriptDirectory + path;
  }
  __name(locateFile, "locateFile");
  var readAsync, readBinary;
  if (ENVIRONMENT_IS_NODE) {
    var fs = require("fs");
    if (_scriptName.startsWith("file:")) {
      scriptDirectory = require("path").dirname(require("url").fileURLToPath(_scriptName)) + "/";
    }
    readBinary = /* @__PURE__ */ __name((filename) => {
      filename = isFileURI(filename) ? new URL(filename) : filename;
      var ret = fs.readFileSync(filename);
      return ret;
    }, "readBinary");
    readAsync = /* @__PURE__ */ __name(async (filename, binary2 = true) => {
      filename = isFileURI(filename) ? new URL(filename) : filename;
      var ret = fs.readFileSync(filename, binary2 ? void 0 : "utf8");
      return ret;
    }, "readAsync");
    if (process.argv.length > 1) {
      thisProgram = process.argv[1].replace(/\\/g, "/");
    }
    arguments_ = process.argv.slice(2);
    quit_ = /* @__PURE__ */ __name((status, toThrow) => {
      process.exitCode = status;
      throw toThrow;
    }, "quit_");
  } else if (ENVIRONMENT_IS_WEB || ENVIRONMENT_IS_WORKER) {
    try {
      scriptDirectory = new URL(".", _scriptName).href;
    } catch {
    }
    {
      if (ENVIRONMENT_IS_WORKER) {
        readBinary = /* @__PURE__ */ __name((url) => {
          var xhr = new XMLHttpRequest();
          xhr.open("GET", url, false);
          xhr.responseType = "arraybuffer";
          xhr.send(null);
          return new Uint8Array(
            /** @type{!ArrayBuffer} */
            xhr.response
          );
        }, "readBinary");
      }
      readAsync = /* @__PURE__ */ __name(async (url) => {
        if (isFileURI(url)) {
          return new Promise((resolve2, reject) => {
            var xhr = new XMLHttpRequest();
            xhr.open("GET", url, true);
            xhr.responseType = "arraybuffer";
            xhr.onload = () => {
              if (xhr.status == 200 || xhr.status == 0 && xhr.response) {
                resolve2(xhr.response);
                return;
              }
              reject(xhr.status);
            };
            xhr.onerror = reject;
            xhr.send(null);
          });
        }
        var response = await fetch(url, {
          credentials: "same-origin"
        });
        if (response.ok) {
          return response.arrayBuffer();
        }
        throw new Error(response.status + " : " + response.url);
      }, "readAsync");
    }
  } else {
  }
  var out = console.log.bind(console);
  var err = console.error.bind(console);
  var dynamicLibraries = [];
  var wasmBinary;
  var ABORT = false;
  var EXITSTATUS;
  var isFileURI = /* @__PURE__ */ __name((filename) => filename.startsWith("file://"), "isFileURI");
  var readyPromiseResolve, readyPromiseReject;
  var wasmMemory;
  var HEAP8, HEAPU8, HEAP16, HEAPU16, HEAP32, HEAPU32, HEAPF32, HEAPF64;
  var HEAP64, HEAPU64;
  var HEAP_DATA_VIEW;
  var runtimeInitialized = false;
  function updateMemoryViews() {
    var b3 = wasmMemory.buffer;
    Module["HEAP8"] = HEAP8 = new Int8Array(b3);
    Module["HEAP16"] = HEAP16 = new Int16Array(b3);
    Module["HEAPU8"] = HEAPU8 = new Uint8Array(b3);
    Module["HEAPU16"] = HEAPU16 = new Uint16Array(b3);
    Module["HEAP32"] = HEAP32 = new Int32Array(b3);
    Module["HEAPU32"] = HEAPU32 = new Uint32Array(b3);
    Module["HEAPF32"] = HEAPF32 = new Float32Array(b3);
    Module["HEAPF64"] = HEAPF64 = new Float64Array(b3);
    Module["HEAP64"] = HEAP64 = new BigInt64Array(b3);
    Module["HEAPU64"] = HEAPU64 = new BigUint64Array(b3);
    Module["HEAP_DATA_VIEW"] = HEAP_DATA_VIEW = new DataView(b3);
    LE_HEAP_UPDATE();
  }
  __name(updateMemoryViews, "updateMemoryViews");
  function initMemory() {
    if (Module["wasmMemory"]) {
      wasmMemory = Module["wasmMemory"];
    } else {
      var INITIAL_MEMORY = Module["INITIAL_MEMORY"] || 33554432;
      wasmMemory = new WebAssembly.Memory({
        "initial": INITIAL_MEMORY / 65536,
        // In theory we should not need to emit the maximum if we want "unlimited"
        // or 4GB of memory, but VMs error on that atm, see
        // https://github.com/emscripten-core/emscripten/issues/14130
        // And in the pthreads case we definitely need to emit a maximum. So
        // always emit one.
        "maximum": 32768
      });
    }
    updateMemoryViews();
  }
  __name(initMemory, "initMemory");
  var __RELOC_FUNCS__ = [];
  function preRun() {
    if (Module["preRun"]) {
      if (typeof Module["preRun"] == "function") Module["preRun"] = [Module["preRun"]];
      while (Module["preRun"].length) {
        addOnPreRun(Module["preRun"].shift());
      }
    }
    callRuntimeCallbacks(onPreRuns);
  }
  __name(preRun, "preRun");
  function initRuntime() {
    runtimeInitialized = true;
    callRuntimeCallbacks(__RELOC_FUNCS__);
    wasmExports["__wasm_call_ctors"]();
    callRuntimeCallbacks(onPostCtors);
  }
  __name(initRuntime, "initRuntime");
  function preMain() {
  }
  __name(preMain, "preMain");
  function postRun() {
    if (Module["postRun"]) {
      if (typeof Module["postRun"] == "function") Module["postRun"] = [Module["postRun"]];
      while (Module["postRun"].length) {
        addOnPostRun(Module["postRun"].shift());
      }
    }
    callRuntimeCallbacks(onPostRuns);
  }
  __name(postRun, "postRun");
  function abort(what) {
    Module["onAbort"]?.(what);
    what = "Aborted(" + what + ")";
    err(what);
    ABORT = true;
    what += ". Build with -sASSERTIONS for more info.";
    var e = new WebAssembly.RuntimeError(what);
    readyPromiseReject?.(e);
    throw e;
  }
  __name(abort, "abort");
  var wasmBinaryFile;
  function findWasmBinary() {
    if (Module["locateFile"]) {
      return locateFile("web-tree-sitter.wasm");
    }
    return new URL("web-tree-sitter.wasm", import.meta.url).href;
  }
  __name(findWasmBinary, "findWasmBinary");
  function getBinarySync(file) {
    if (file == wasmBinaryFile && wasmBinary) {
      return new Uint8Array(wasmBinary);
    }
    if (readBinary) {
      return readBinary(file);
    }
    throw "both async and sync fetching of the wasm failed";
  }
  __name(getBinarySync, "getBinarySync");
  async function getWasmBinary(binaryFile) {
    if (!wasmBinary) {
      try {
        var response = await readAsync(binaryFile);
        return new Uint8Array(response);
      } catch {
      }
    }
    return getBinarySync(binaryFile);
  }
  __name(getWasmBinary, "getWasmBinary");
  async function instantiateArrayBuffer(binaryFile, imports) {
    try {
      var binary2 = await getWasmBinary(binaryFile);
      var instance2 = await WebAssembly.instantiate(binary2, imports);
      return instance2;
    } catch (reason) {
      err(`failed to asynchronously prepare wasm: ${reason}`);
      abort(reason);
    }
  }
  __name(instantiateArrayBuffer, "instantiateArrayBuffer");
  async function instantiateAsync(binary2, binaryFile, imports) {
    if (!binary2 && !isFileURI(binaryFile) && !ENVIRONMENT_IS_NODE) {
      try {
        var response = fetch(binaryFile, {
          credentials: "same-origin"
        });
        var instantiationResult = await WebAssembly.instantiateStreaming(response, imports);
        return instantiationResult;
      } catch (reason) {
        err(`wasm streaming compile failed: ${reason}`);
        err("falling back to ArrayBuffer instantiation");
      }
    }
    return instantiateArrayBuffer(binaryFile, imports);
  }
  __name(instantiateAsync, "instantiateAsync");
  function getWasmImports() {
    return {
      "env": wasmImports,
      "wasi_snapshot_preview1": wasmImports,
      "GOT.mem": new Proxy(wasmImports, GOTHandler),
      "GOT.func": new Proxy(wasmImports, GOTHandler)
    };
  }
  __name(getWasmImports, "getWasmImports");
  async function createWasm() {
    function receiveInstance(instance2, module2) {
      wasmExports = instance2.exports;
      wasmExports = relocateExports(wasmExports, 1024);
      var metadata2 = getDylinkMetadata(module2);
      if (metadata2.neededDynlibs) {
        dynamicLibraries = metadata2.neededDynlibs.concat(dynamicLibraries);
      }
      mergeLibSymbols(wasmExports, "main");
      LDSO.init();
      loadDylibs();
      __RELOC_FUNCS__.push(wasmExports["__wasm_apply_data_relocs"]);
      assignWasmExports(wasmExports);
      return wasmExports;
    }
    __name(receiveInstance, "receiveInstance");
    function receiveInstantiationResult(result2) {
      return receiveInstance(result2["instance"], result2["module"]);
    }
    __name(receiveInstantiationResult, "receiveInstantiationResult");
    var info2 = getWasmImports();
    if (Module["instantiateWasm"]) {
      return new Promise((resolve2, reject) => {
        Module["instantiateWasm"](info2, (mod, inst) => {
          resolve2(receiveInstance(mod, inst));
        });
      });
    }
    wasmBinaryFile ??= findWasmBinary();
    var result = await instantiateAsync(wasmBinary, wasmBinaryFile, info2);
    var exports = receiveInstantiationResult(result);
    return exports;
  }
  __name(createWasm, "createWasm");
  class ExitStatus {
    static {
      __name(this, "ExitStatus");
    }
    name = "ExitStatus";
    constructor(status) {
      this.message = `Program terminated with exit(${status})`;
      this.status = status;
    }
  }
  var GOT = {};
  var currentModuleWeakSymbols = /* @__PURE__ */ new Set([]);
  var GOTHandler = {
    get(obj, symName) {
      var rtn = GOT[symName];
      if (!rtn) {
        rtn = GOT[symName] = new WebAssembly.Global({
          "value": "i32",
          "mutable": true
        });
      }
      if (!currentModuleWeakSymbols.has(symName)) {
        rtn.required = true;
      }
      return rtn;
    }
  };
  var LE_ATOMICS_NATIVE_BYTE_ORDER = [];
  var LE_HEAP_LOAD_F32 = /* @__PURE__ */ __name((byteOffset) => HEAP_DATA_VIEW.getFloat32(byteOffset, true), "LE_HEAP_LOAD_F32");
  var LE_HEAP_LOAD_F64 = /* @__PURE__ */ __name((byteOffset) => HEAP_DATA_VIEW.getFloat64(byteOffset, true), "LE_HEAP_LOAD_F64");
  var LE_HEAP_LOAD_I16 = /* @__PURE__ */ __name((byteOffset) => HEAP_DATA_VIEW.getInt16(byteOffset, true), "LE_HEAP_LOAD_I16");
  var LE_HEAP_LOAD_I32 = /* @__PURE__ */ __name((byteOffset) => HEAP_DATA_VIEW.getInt32(byteOffset, true), "LE_HEAP_LOAD_I32");
  var LE_HEAP_LOAD_I64 = /* @__PURE__ */ __name((byteOffset) => HEAP_DATA_VIEW.getBigInt64(byteOffset, true), "LE_HEAP_LOAD_I64");
  var LE_HEAP_LOAD_U32 = /* @__PURE__ */ __name((byteOffset) => HEAP_DATA_VIEW.getUint32(byteOffset, true), "LE_HEAP_LOAD_U32");
  var LE_HEAP_STORE_F32 = /* @__PURE__ */ __name((byteOffset, value) => HEAP_DATA_VIEW.setFloat32(byteOffset, value, true), "LE_HEAP_STORE_F32");
  var LE_HEAP_STORE_F64 = /* @__PURE__ */ __name((byteOffset, value) => HEAP_DATA_VIEW.setFloat64(byteOffset, value, true), "LE_HEAP_STORE_F64");
  var LE_HEAP_STORE_I16 = /* @__PURE__ */ __name((byteOffset, value) => HEAP_DATA_VIEW.setInt16(byteOffset, value, true), "LE_HEAP_STORE_I16");
  var LE_HEAP_STORE_I32 = /* @__PURE__ */ __name((byteOffset, value) => HEAP_DATA_VIEW.setInt32(byteOffset, value, true), "LE_HEAP_STORE_I32");
  var LE_HEAP_STORE_I64 = /* @__PURE__ */ __name((byteOffset, value) => HEAP_DATA_VIEW.setBigInt64(byteOffset, value, true), "LE_HEAP_STORE_I64");
  var LE_HEAP_STORE_U32 = /* @__PURE__ */ __name((byteOffset, value) => HEAP_DATA_VIEW.setUint32(byteOffset, value, true), "LE_HEAP_STORE_U32");
  var callRuntimeCallbacks = /* @__PURE__ */ __name((callbacks) => {
    while (callbacks.length > 0) {
      callbacks.shift()(Module);
    }
  }, "callRuntimeCallbacks");
  var onPostRuns = [];
  var addOnPostRun = /* @__PURE__ */ __name((cb) => onPostRuns.push(cb), "addOnPostRun");
  var onPreRuns = [];
  var addOnPreRun = /* @__PURE__ */ __name((cb) => onPreRuns.push(cb), "addOnPreRun");
  var UTF8Decoder = typeof TextDecoder != "undefined" ? new TextDecoder() : void 0;
  var findStringEnd = /* @__PURE__ */ __name((heapOrArray, idx, maxBytesToRead, ignoreNul) => {
    var maxIdx = idx + maxBytesToRead;
    if (ignoreNul) return maxIdx;
    while (heapOrArray[idx] && !(idx >= maxIdx)) ++idx;
    return idx;
  }, "findStringEnd");
  var UTF8ArrayToString = /* @__PURE__ */ __name((heapOrArray, idx = 0, maxBytesToRead, ignoreNul) => {
    var endPtr = findStringEnd(heapOrArray, idx, maxBytesToRead, ignoreNul);
    if (endPtr - idx > 16 && heapOrArray.buffer && UTF8Decoder) {
      return UTF8Decoder.decode(heapOrArray.subarray(idx, endPtr));
    }
    var str2 = "";
    while (idx < endPtr) {
      var u0 = heapOrArray[idx++];
      if (!(u0 & 128)) {
        str2 += String.fromCharCode(u0);
        continue;
      }
      var u1 = heapOrArray[idx++] & 63;
      if ((u0 & 224) == 192) {
        str2 += String.fromCharCode((u0 & 31) << 6 | u1);
        continue;
      }
      var u2 = heapOrArray[idx++] & 63;
      if ((u0 & 240) == 224) {
        u0 = (u0 & 15) << 12 | u1 << 6 | u2;
      } else {
        u0 = (u0 & 7) << 18 | u1 << 12 | u2 << 6 | heapOrArray[idx++] & 63;
      }
      if (u0 < 65536) {
        str2 += String.fromCharCode(u0);
      } else {
        var ch = u0 - 65536;
        str2 += String.fromCharCode(55296 | ch >> 10, 56320 | ch & 1023);
      }
    }
    return str2;
  }, "UTF8ArrayToString");
  var getDylinkMetadata = /* @__PURE__ */ __name((binary2) => {
    var offset = 0;
    var end = 0;
    function getU8() {
      return binary2[offset++];
    }
    __name(getU8, "getU8");
    function getLEB() {
      var ret = 0;
      var mul = 1;
      while (1) {
        var byte = binary2[offset++];
        ret += (byte & 127) * mul;
        mul *= 128;
        if (!(byte & 128)) break;
      }
      return ret;
    }
    __name(getLEB, "getLEB");
    function getString() {
      var len = getLEB();
      offset += len;
      return UTF8ArrayToString(binary2, offset - len, len);
    }
    __name(getString, "getString");
    function getStringList() {
      var count2 = getLEB();
      var rtn = [];
      while (count2--) rtn.push(getString());
      return rtn;
    }
    __name(getStringList, "getStringList");
    function failIf(condition, message) {
      if (condition) throw new Error(message);
    }
    __name(failIf, "failIf");
    if (binary2 instanceof WebAssembly.Module) {
      var dylinkSection = WebAssembly.Module.customSections(binary2, "dylink.0");
      failIf(dylinkSection.length === 0, "need dylink section");
      binary2 = new Uint8Array(dylinkSection[0]);
      end = binary2.length;
    } else {
      var int32View = new Uint32Array(new Uint8Array(binary2.subarray(0, 24)).buffer);
      var magicNumberFound = int32View[0] == 1836278016 || int32View[0] == 6386541;
      failIf(!magicNumberFound, "need to see wasm magic number");
      failIf(binary2[8] !== 0, "need the dylink section to be first");
      offset = 9;
      var section_size = getLEB();
      end = offset + section_size;
      var name2 = getString();
      failIf(name2 !== "dylink.0");
    }
    var customSection = {
      neededDynlibs: [],
      tlsExports: /* @__PURE__ */ new Set(),
      weakImports: /* @__PURE__ */ new Set(),
      runtimePaths: []
    };
    var WASM_DYLINK_MEM_INFO = 1;
    var WASM_DYLINK_NEEDED = 2;
    var WASM_DYLINK_EXPORT_INFO = 3;
    var WASM_DYLINK_IMPORT_INFO = 4;
    var WASM_DYLINK_RUNTIME_PATH = 5;
    var WASM_SYMBOL_TLS = 256;
    var WASM_SYMBOL_BINDING_MASK = 3;
    var WASM_SYMBOL_BINDING_WEAK = 1;
    while (offset < end) {
      var subsectionType = getU8();
      var subsectionSize = getLEB();
      if (subsectionType === WASM_DYLINK_MEM_INFO) {
        customSection.memorySize = getLEB();
        customSection.memoryAlign = getLEB();
        customSection.tableSize = getLEB();
        customSection.tableAlign = getLEB();
      } else if (subsectionType === WASM_DYLINK_NEEDED) {
        customSection.neededDynlibs = getStringList();
      } else if (subsectionType === WASM_DYLINK_EXPORT_INFO) {
        var count = getLEB();
        while (count--) {
          var symname = getString();
          var flags2 = getLEB();
          if (flags2 & WASM_SYMBOL_TLS) {
            customSection.tlsExports.add(symname);
          }
        }
      } else if (subsectionType === WASM_DYLINK_IMPORT_INFO) {
        var count = getLEB();
        while (count--) {
          var modname = getString();
          var symname = getString();
          var flags2 = getLEB();
          if ((flags2 & WASM_SYMBOL_BINDING_MASK) == WASM_SYMBOL_BINDING_WEAK) {
            customSection.weakImports.add(symname);
          }
        }
      } else if (subsectionType === WASM_DYLINK_RUNTIME_PATH) {
        customSection.runtimePaths = getStringList();
      } else {
        offset += subsectionSize;
      }
    }
    return customSection;
  }, "getDylinkMetadata");
  function getValue(ptr, type = "i8") {
    if (type.endsWith("*")) type = "*";
    switch (type) {
      case "i1":
        return HEAP8[ptr];
      case "i8":
        return HEAP8[ptr];
      case "i16":
        return LE_HEAP_LOAD_I16((ptr >> 1) * 2);
      case "i32":
        return LE_HEAP_LOAD_I32((ptr >> 2) * 4);
      case "i64":
        return LE_HEAP_LOAD_I64((ptr >> 3) * 8);
      case "float":
        return LE_HEAP_LOAD_F32((ptr >> 2) * 4);
      case "double":
        return LE_HEAP_LOAD_F64((ptr >> 3) * 8);
      case "*":
        return LE_HEAP_LOAD_U32((ptr >> 2) * 4);
      default:
        abort(`invalid type for getValue: ${type}`);
    }
  }
  __name(getValue, "getValue");
  var newDSO = /* @__PURE__ */ __name((name2, handle2, syms) => {
    var dso = {
      refcount: Infinity,
      name: name2,
      exports: syms,
      global: true
    };
    LDSO.loadedLibsByName[name2] = dso;
    if (handle2 != void 0) {
      LDSO.loadedLibsByHandle[handle2] = dso;
    }
    return dso;
  }, "newDSO");
  var LDSO = {
    loadedLibsByName: {},
    loadedLibsByHandle: {},
    init() {
      newDSO("__main__", 0, wasmImports);
    }
  };
  var ___heap_base = 82240;
  var alignMemory = /* @__PURE__ */ __name((size, alignment) => Math.ceil(size / alignment) * alignment, "alignMemory");
  var getMemory = /* @__PURE__ */ __name((size) => {
    if (runtimeInitialized) {
      return _calloc(size, 1);
    }
    var ret = ___heap_base;
    var end = ret + alignMemory(size, 16);
    ___heap_base = end;
    GOT["__heap_base"].value = end;
    return ret;
  }, "getMemory");
  var isInternalSym = /* @__PURE__ */ __name((symName) => ["__cpp_exception", "__c_longjmp", "__wasm_apply_data_relocs", "__dso_handle", "__tls_size", "__tls_align", "__set_stack_limits", "_emscripten_tls_init", "__wasm_init_tls", "__wasm_call_ctors", "__start_em_asm", "__stop_em_asm", "__start_em_js", "__stop_em_js"].includes(symName) || symName.startsWith("__em_js__"), "isInternalSym");
  var uleb128EncodeWithLen = /* @__PURE__ */ __name((arr) => {
    const n = arr.length;
    return [n % 128 | 128, n >> 7, ...arr];
  }, "uleb128EncodeWithLen");
  var wasmTypeCodes = {
    "i": 127,
    // i32
    "p": 127,
    // i32
    "j": 126,
    // i64
    "f": 125,
    // f32
    "d": 124,
    // f64
    "e": 111
  };
  var generateTypePack = /* @__PURE__ */ __name((types) => uleb128EncodeWithLen(Array.from(types, (type) => {
    var code2 = wasmTypeCodes[type];
    return code2;
  })), "generateTypePack");
  var convertJsFunctionToWasm = /* @__PURE__ */ __name((func2, sig) => {
    var bytes = Uint8Array.of(
      0,
      97,
      115,
      109,
      // magic ("\0asm")
      1,
      0,
      0,
      0,
      // version: 1
      1,
      ...uleb128EncodeWithLen([
        1,
        // count: 1
        96,
        // param types
        ...generateTypePack(sig.slice(1)),
        // return types (for now only supporting [] if `void` and single [T] otherwise)
        ...generateTypePack(sig[0] === "v" ? "" : sig[0])
      ]),
      // The rest of the module is static
      2,
      7,
      // import section
      // (import "e" "f" (func 0 (type 0)))
      1,
      1,
      101,
      1,
      102,
      0,
      0,
      7,
      5,
      // export section
      // (export "f" (func 0 (type 0)))
      1,
      1,
      102,
      0,
      0
    );
    var module2 = new WebAssembly.Module(bytes);
    var instance2 = new WebAssembly.Instance(module2, {
      "e": {
        "f": func2
      }
    });
    var wrappedFunc = instance2.exports["f"];
    return wrappedFunc;
  }, "convertJsFunctionToWasm");
  var wasmTableMirror = [];
  var wasmTable = new WebAssembly.Table({
    "initial": 31,
    "element": "anyfunc"
  });
  var getWasmTableEntry = /* @__PURE__ */ __name((funcPtr) => {
    var func2 = wasmTableMirror[funcPtr];
    if (!func2) {
      wasmTableMirror[funcPtr] = func2 = wasmTable.get(funcPtr);
    }
    return func2;
  }, "getWasmTableEntry");
  var updateTableMap = /* @__PURE__ */ __name((offset, count) => {
    if (functionsInTableMap) {
      for (var i2 = offset; i2 < offset + count; i2++) {
        var item = getWasmTableEntry(i2);
        if (item) {
          functionsInTableMap.set(item, i2);
        }
      }
    }
  }, "updateTableMap");
  var functionsInTableMap;
  var getFunctionAddress = /* @__PURE__ */ __name((func2) => {
    if (!functionsInTableMap) {
      functionsInTableMap = /* @__PURE__ */ new WeakMap();
      updateTableMap(0, wasmTable.length);
    }
    return functionsInTableMap.get(func2) || 0;
  }, "getFunctionAddress");
  var freeTableIndexes = [];
  var getEmptyTableSlot = /* @__PURE__ */ __name(() => {
    if (freeTableIndexes.length) {
      return freeTableIndexes.pop();
    }
    return wasmTable["grow"](1);
  }, "getEmptyTableSlot");
  var setWasmTableEntry = /* @__PURE__ */ __name((idx, func2) => {
    wasmTable.set(idx, func2);
    wasmTableMirror[idx] = wasmTable.get(idx);
  }, "setWasmTableEntry");
  var addFunction = /* @__PURE__ */ __name((func2, sig) => {
    var rtn = getFunctionAddress(func2);
    if (rtn) {
      return rtn;
    }
    var ret = getEmptyTableSlot();
    try {
      setWasmTableEntry(ret, func2);
    } catch (err2) {
      if (!(err2 instanceof TypeError)) {
        throw err2;
      }
      var wrapped = convertJsFunctionToWasm(func2, sig);
      setWasmTableEntry(ret, wrapped);
    }
    functionsInTableMap.set(func2, ret);
    return ret;
  }, "addFunction");
  var updateGOT = /* @__PURE__ */ __name((exports, replace) => {
    for (var symName in exports) {
      if (isInternalSym(symName)) {
        continue;
      }
      var value = exports[symName];
      GOT[symName] ||= new WebAssembly.Global({
        "value": "i32",
        "mutable": true
      });
      if (replace || GOT[symName].value == 0) {
        if (typeof value == "function") {
          GOT[symName].value = addFunction(value);
        } else if (typeof value == "number") {
          GOT[symName].value = value;
        } else {
          err(`unhandled export type for '${symName}': ${typeof value}`);
        }
      }
    }
  }, "updateGOT");
  var relocateExports = /* @__PURE__ */ __name((exports, memoryBase2, replace) => {
    var relocated = {};
    for (var e in exports) {
      var value = exports[e];
      if (typeof value == "object") {
        value = value.value;
      }
      if (typeof value == "number") {
        value += memoryBase2;
      }
      relocated[e] = value;
    }
    updateGOT(relocated, replace);
    return relocated;
  }, "relocateExports");
  var isSymbolDefined = /* @__PURE__ */ __name((symName) => {
    var existing = wasmImports[symName];
    if (!existing || existing.stub) {
      return false;
    }
    return true;
  }, "isSymbolDefined");
  var dynCall = /* @__PURE__ */ __name((sig, ptr, args2 = [], promising = false) => {
    var func2 = getWasmTableEntry(ptr);
    var rtn = func2(...args2);
    function convert(rtn2) {
      return rtn2;
    }
    __name(convert, "convert");
    return convert(rtn);
  }, "dynCall");
  var stackSave = /* @__PURE__ */ __name(() => _emscripten_stack_get_current(), "stackSave");
  var stackRestore = /* @__PURE__ */ __name((val) => __emscripten_stack_restore(val), "stackRestore");
  var createInvokeFunction = /* @__PURE__ */ __name((sig) => (ptr, ...args2) => {
    var sp = stackSave();
    try {
      return dynCall(sig, ptr, args2);
    } catch (e) {
      stackRestore(sp);
      if (e !== e + 0) throw e;
      _setThrew(1, 0);
      if (sig[0] == "j") return 0n;
    }
  }, "createInvokeFunction");
  var resolveGlobalSymbol = /* @__PURE__ */ __name((symName, direct = false) => {
    var sym;
    if (isSymbolDefined(symName)) {
      sym = wasmImports[symName];
    } else if (symName.startsWith("invoke_")) {
      sym = wasmImports[symName] = createInvokeFunction(symName.split("_")[1]);
    }
    return {
      sym,
      name: symName
    };
  }, "resolveGlobalSymbol");
  var onPostCtors = [];
  var addOnPostCtor = /* @__PURE__ */ __name((cb) => onPostCtors.push(cb), "addOnPostCtor");
  var UTF8ToString = /* @__PURE__ */ __name((ptr, maxBytesToRead, ignoreNul) => ptr ? UTF8ArrayToString(HEAPU8, ptr, maxBytesToRead, ignoreNul) : "", "UTF8ToString");
  var loadWebAssemblyModule = /* @__PURE__ */ __name((binary, flags, libName, localScope, handle) => {
    var metadata = getDylinkMetadata(binary);
    function loadModule() {
      var memAlign = Math.pow(2, metadata.memoryAlign);
      var memoryBase = metadata.memorySize ? alignMemory(getMemory(metadata.memorySize + memAlign), memAlign) : 0;
      var tableBase = metadata.tableSize ? wasmTable.length : 0;
      if (handle) {
        HEAP8[handle + 8] = 1;
        LE_HEAP_STORE_U32((handle + 12 >> 2) * 4, memoryBase);
        LE_HEAP_STORE_I32((handle + 16 >> 2) * 4, metadata.memorySize);
        LE_HEAP_STORE_U32((handle + 20 >> 2) * 4, tableBase);
        LE_HEAP_STORE_I32((handle + 24 >> 2) * 4, metadata.tableSize);
      }
      if (metadata.tableSize) {
        wasmTable.grow(metadata.tableSize);
      }
      var moduleExports;
      function resolveSymbol(sym) {
        var resolved = resolveGlobalSymbol(sym).sym;
        if (!resolved && localScope) {
          resolved = localScope[sym];
        }
        if (!resolved) {
          resolved = moduleExports[sym];
        }
        return resolved;
      }
      __name(resolveSymbol, "resolveSymbol");
      var proxyHandler = {
        get(stubs, prop) {
          switch (prop) {
            case "__memory_base":
              return memoryBase;
            case "__table_base":
              return tableBase;
          }
          if (prop in wasmImports && !wasmImports[prop].stub) {
            var res = wasmImports[prop];
            return res;
          }
          if (!(prop in stubs)) {
            var resolved;
            stubs[prop] = (...args2) => {
              resolved ||= resolveSymbol(prop);
              return resolved(...args2);
            };
          }
          return stubs[prop];
        }
      };
      var proxy = new Proxy({}, proxyHandler);
      currentModuleWeakSymbols = metadata.weakImports;
      var info = {
        "GOT.mem": new Proxy({}, GOTHandler),
        "GOT.func": new Proxy({}, GOTHandler),
        "env": proxy,
        "wasi_snapshot_preview1": proxy
      };
      function postInstantiation(module, instance) {
        updateTableMap(tableBase, metadata.tableSize);
        moduleExports = relocateExports(instance.exports, memoryBase);
        if (!flags.allowUndefined) {
          reportUndefinedSymbols();
        }
        function addEmAsm(addr, body) {
          var args = [];
          var arity = 0;
          for (; arity < 16; arity++) {
            if (body.indexOf("$" + arity) != -1) {
              args.push("$" + arity);
            } else {
              break;
            }
          }
          args = args.join(",");
          var func = `(${args}) => { ${body} };`;
          ASM_CONSTS[start] = eval(func);
        }
        __name(addEmAsm, "addEmAsm");
        if ("__start_em_asm" in moduleExports) {
          var start = moduleExports["__start_em_asm"];
          var stop = moduleExports["__stop_em_asm"];
          while (start < stop) {
            var jsString = UTF8ToString(start);
            addEmAsm(start, jsString);
            start = HEAPU8.indexOf(0, start) + 1;
          }
        }
        function addEmJs(name, cSig, body) {
          var jsArgs = [];
          cSig = cSig.slice(1, -1);
          if (cSig != "void") {
            cSig = cSig.split(",");
            for (var i in cSig) {
              var jsArg = cSig[i].split(" ").pop();
              jsArgs.push(jsArg.replace("*", ""));
            }
          }
          var func = `(${jsArgs}) => ${body};`;
          moduleExports[name] = eval(func);
        }
        __name(addEmJs, "addEmJs");
        for (var name in moduleExports) {
          if (name.startsWith("__em_js__")) {
            var start = moduleExports[name];
            var jsString = UTF8ToString(start);
            var parts = jsString.split("<::>");
            addEmJs(name.replace("__em_js__", ""), parts[0], parts[1]);
            delete moduleExports[name];
          }
        }
        var applyRelocs = moduleExports["__wasm_apply_data_relocs"];
        if (applyRelocs) {
          if (runtimeInitialized) {
            applyRelocs();
          } else {
            __RELOC_FUNCS__.push(applyRelocs);
          }
        }
        var init = moduleExports["__wasm_call_ctors"];
        if (init) {
          if (runtimeInitialized) {
            init();
          } else {
            addOnPostCtor(init);
          }
        }
        return moduleExports;
      }
      __name(postInstantiation, "postInstantiation");
      if (flags.loadAsync) {
        return (async () => {
          var instance2;
          if (binary instanceof WebAssembly.Module) {
            instance2 = new WebAssembly.Instance(binary, info);
          } else {
            ({ module: binary, instance: instance2 } = await WebAssembly.instantiate(binary, info));
          }
          return postInstantiation(binary, instance2);
        })();
      }
      var module = binary instanceof WebAssembly.Module ? binary : new WebAssembly.Module(binary);
      var instance = new WebAssembly.Instance(module, info);
      return postInstantiation(module, instance);
    }
    __name(loadModule, "loadModule");
    flags = {
      ...flags,
      rpath: {
        parentLibPath: libName,
        paths: metadata.runtimePaths
      }
    };
    if (flags.loadAsync) {
      return metadata.neededDynlibs.reduce((chain, dynNeeded) => chain.then(() => loadDynamicLibrary(dynNeeded, flags, localScope)), Promise.resolve()).then(loadModule);
    }
    metadata.neededDynlibs.forEach((needed) => loadDynamicLibrary(needed, flags, localScope));
    return loadModule();
  }, "loadWebAssemblyModule");
  var mergeLibSymbols = /* @__PURE__ */ __name((exports, libName2) => {
    for (var [sym, exp] of Object.entries(exports)) {
      const setImport = /* @__PURE__ */ __name((target) => {
        if (!isSymbolDefined(target)) {
          wasmImports[target] = exp;
        }
      }, "setImport");
      setImport(sym);
      const main_alias = "__main_argc_argv";
      if (sym == "main") {
        setImport(main_alias);
      }
      if (sym == main_alias) {
        setImport("main");
      }
    }
  }, "mergeLibSymbols");
  var asyncLoad = /* @__PURE__ */ __name(async (url) => {
    var arrayBuffer = await readAsync(url);
    return new Uint8Array(arrayBuffer);
  }, "asyncLoad");
  function loadDynamicLibrary(libName2, flags2 = {
    global: true,
    nodelete: true
  }, localScope2, handle2) {
    var dso = LDSO.loadedLibsByName[libName2];
    if (dso) {
      if (!flags2.global) {
        if (localScope2) {
          Object.assign(localScope2, dso.exports);
        }
      } else if (!dso.global) {
        dso.global = true;
        mergeLibSymbols(dso.exports, libName2);
      }
      if (flags2.nodelete && dso.refcount !== Infinity) {
        dso.refcount = Infinity;
      }
      dso.refcount++;
      if (handle2) {
        LDSO.loadedLibsByHandle[handle2] = dso;
      }
      return flags2.loadAsync ? Promise.resolve(true) : true;
    }
    dso = newDSO(libName2, handle2, "loading");
    dso.refcount = flags2.nodelete ? Infinity : 1;
    dso.global = flags2.global;
    function loadLibData() {
      if (handle2) {
        var data = LE_HEAP_LOAD_U32((handle2 + 28 >> 2) * 4);
        var dataSize = LE_HEAP_LOAD_U32((handle2 + 32 >> 2) * 4);
        if (data && dataSize) {
          var libData = HEAP8.slice(data, data + dataSize);
          return flags2.loadAsync ? Promise.resolve(libData) : libData;
        }
      }
      var libFile = locateFile(libName2);
      if (flags2.loadAsync) {
        return asyncLoad(libFile);
      }
      if (!readBinary) {
        throw new Error(`${libFile}: file not found, and synchronous loading of external files is not available`);
      }
      return readBinary(libFile);
    }
    __name(loadLibData, "loadLibData");
    function getExports() {
      if (flags2.loadAsync) {
        return loadLibData().then((libData) => loadWebAssemblyModule(libData, flags2, libName2, localScope2, handle2));
      }
      return loadWebAssemblyModule(loadLibData(), flags2, libName2, localScope2, handle2);
    }
    __name(getExports, "getExports");
    function moduleLoaded(exports) {
      if (dso.global) {
        mergeLibSymbols(exports, libName2);
      } else if (localScope2) {
        Object.assign(localScope2, exports);
      }
      dso.exports = exports;
    }
    __name(moduleLoaded, "moduleLoaded");
    if (flags2.loadAsync) {
      return getExports().then((exports) => {
        moduleLoaded(exports);
        return true;
      });
    }
    moduleLoaded(getExports());
    return true;
  }
  __name(loadDynamicLibrary, "loadDynamicLibrary");
  var reportUndefinedSymbols = /* @__PURE__ */ __name(() => {
    for (var [symName, entry] of Object.entries(GOT)) {
      if (entry.value == 0) {
        var value = resolveGlobalSymbol(symName, true).sym;
        if (!value && !entry.required) {
          continue;
        }
        if (typeof value == "function") {
          entry.value = addFunction(value, value.sig);
        } else if (typeof value == "number") {
          entry.value = value;
        } else {
          throw new Error(`bad export type for '${symName}': ${typeof value}`);
        }
      }
    }
  }, "reportUndefinedSymbols");
  var runDependencies = 0;
  var dependenciesFulfilled = null;
  var removeRunDependency = /* @__PURE__ */ __name((id) => {
    runDependencies--;
    Module["monitorRunDependencies"]?.(runDependencies);
    if (runDependencies == 0) {
      if (dependenciesFulfilled) {
        var callback = dependenciesFulfilled;
        dependenciesFulfilled = null;
        callback();
      }
    }
  }, "removeRunDependency");
  var addRunDependency = /* @__PURE__ */ __name((id) => {
    runDependencies++;
    Module["monitorRunDependencies"]?.(runDependencies);
  }, "addRunDependency");
  var loadDylibs = /* @__PURE__ */ __name(async () => {
    if (!dynamicLibraries.length) {
      reportUndefinedSymbols();
      return;
    }
    addRunDependency("loadDylibs");
    for (var lib of dynamicLibraries) {
      await loadDynamicLibrary(lib, {
        loadAsync: true,
        global: true,
        nodelete: true,
        allowUndefined: true
      });
    }
    reportUndefinedSymbols();
    removeRunDependency("loadDylibs");
  }, "loadDylibs");
  var noExitRuntime = true;
  function setValue(ptr, value, type = "i8") {
    if (type.endsWith("*")) type = "*";
    switch (type) {
      case "i1":
        HEAP8[ptr] = value;
        break;
      case "i8":
        HEAP8[ptr] = value;
        break;
      case "i16":
        LE_HEAP_STORE_I16((ptr >> 1) * 2, value);
        break;
      case "i32":
        LE_HEAP_STORE_I32((ptr >> 2) * 4, value);
        break;
      case "i64":
        LE_HEAP_STORE_I64((ptr >> 3) * 8, BigInt(value));
        break;
      case "float":
        LE_HEAP_STORE_F32((ptr >> 2) * 4, value);
        break;
      case "double":
        LE_HEAP_STORE_F64((ptr >> 3) * 8, value);
        break;
      case "*":
        LE_HEAP_STORE_U32((ptr >> 2) * 4, value);
        break;
      default:
        abort(`invalid type for setValue: ${type}`);
    }
  }
  __name(setValue, "setValue");
  var ___memory_base = new WebAssembly.Global({
    "value": "i32",
    "mutable": false
  }, 1024);
  var ___stack_high = 82240;
  var ___stack_low = 16704;
  var ___stack_pointer = new WebAssembly.Global({
    "value": "i32",
    "mutable": true
  }, 82240);
  var ___table_base = new WebAssembly.Global({
    "value": "i32",
    "mutable": false
  }, 1);
  var __abort_js = /* @__PURE__ */ __name(() => abort(""), "__abort_js");
  __abort_js.sig = "v";
  var getHeapMax = /* @__PURE__ */ __name(() => (
    // Stay one Wasm page short of 4GB: while e.g. Chrome is able to allocate
    // full 4GB Wasm memories, the size will wrap back to 0 bytes in Wasm side
    // for any code that deals with heap sizes, which would require special
    // casing all heap size related code to treat 0 specially.
    2147483648
  ), "getHeapMax");
  var growMemory = /* @__PURE__ */ __name((size) => {
    var oldHeapSize = wasmMemory.buffer.byteLength;
    var pages = (size - oldHeapSize + 65535) / 65536 | 0;
    try {
      wasmMemory.grow(pages);
      updateMemoryViews();
      return 1;
    } catch (e) {
    }
  }, "growMemory");
  var _emscripten_resize_heap = /* @__PURE__ */ __name((requestedSize) => {
    var oldSize = HEAPU8.length;
    requestedSize >>>= 0;
    var maxHeapSize = getHeapMax();
    if (requestedSize > maxHeapSize) {
      return false;
    }
    for (var cutDown = 1; cutDown <= 4; cutDown *= 2) {
      var overGrownHeapSize = oldSize * (1 + 0.2 / cutDown);
      overGrownHeapSize = Math.min(overGrownHeapSize, requestedSize + 100663296);
      var newSize = Math.min(maxHeapSize, alignMemory(Math.max(requestedSize, overGrownHeapSize), 65536));
      var replacement = growMemory(newSize);
      if (replacement) {
        return true;
      }
    }
    return false;
  }, "_emscripten_resize_heap");
  _emscripten_resize_heap.sig = "ip";
  var _fd_close = /* @__PURE__ */ __name((fd) => 52, "_fd_close");
  _fd_close.sig = "ii";
  var INT53_MAX = 9007199254740992;
  var INT53_MIN = -9007199254740992;
  var bigintToI53Checked = /* @__PURE__ */ __name((num) => num < INT53_MIN || num > INT53_MAX ? NaN : Number(num), "bigintToI53Checked");
  function _fd_seek(fd, offset, whence, newOffset) {
    offset = bigintToI53Checked(offset);
    return 70;
  }
  __name(_fd_seek, "_fd_seek");
  _fd_seek.sig = "iijip";
  var printCharBuffers = [null, [], []];
  var printChar = /* @__PURE__ */ __name((stream, curr) => {
    var buffer2 = printCharBuffers[stream];
    if (curr === 0 || curr === 10) {
      (stream === 1 ? out : err)(UTF8ArrayToString(buffer2));
      buffer2.length = 0;
    } else {
      buffer2.push(curr);
    }
  }, "printChar");
  var _fd_write = /* @__PURE__ */ __name((fd, iov, iovcnt, pnum) => {
    var num = 0;
    for (var i2 = 0; i2 < iovcnt; i2++) {
      var ptr = LE_HEAP_LOAD_U32((iov >> 2) * 4);
      var len = LE_HEAP_LOAD_U32((iov + 4 >> 2) * 4);
      iov += 8;
      for (var j3 = 0; j3 < len; j3++) {
        printChar(fd, HEAPU8[ptr + j3]);
      }
      num += len;
    }
    LE_HEAP_STORE_U32((pnum >> 2) * 4, num);
    return 0;
  }, "_fd_write");
  _fd_write.sig = "iippp";
  function _tree_sitter_log_callback(isLexMessage, messageAddress) {
    if (Module.currentLogCallback) {
      const message = UTF8ToString(messageAddress);
      Module.currentLogCallback(message, isLexMessage !== 0);
    }
  }
  __name(_tree_sitter_log_callback, "_tree_sitter_log_callback");
  function _tree_sitter_parse_callback(inputBufferAddress, index, row, column, lengthAddress) {
    const INPUT_BUFFER_SIZE = 10 * 1024;
    const string = Module.currentParseCallback(index, {
      row,
      column
    });
    if (typeof string === "string") {
      setValue(lengthAddress, string.length, "i32");
      stringToUTF16(string, inputBufferAddress, INPUT_BUFFER_SIZE);
    } else {
      setValue(lengthAddress, 0, "i32");
    }
  }
  __name(_tree_sitter_parse_callback, "_tree_sitter_parse_callback");
  function _tree_sitter_progress_callback(currentOffset, hasError) {
    if (Module.currentProgressCallback) {
      return Module.currentProgressCallback({
        currentOffset,
        hasError
      });
    }
    return false;
  }
  __name(_tree_sitter_progress_callback, "_tree_sitter_progress_callback");
  function _tree_sitter_query_progress_callback(currentOffset) {
    if (Module.currentQueryProgressCallback) {
      return Module.currentQueryProgressCallback({
        currentOffset
      });
    }
    return false;
  }
  __name(_tree_sitter_query_progress_callback, "_tree_sitter_query_progress_callback");
  var runtimeKeepaliveCounter = 0;
  var keepRuntimeAlive = /* @__PURE__ */ __name(() => noExitRuntime || runtimeKeepaliveCounter > 0, "keepRuntimeAlive");
  var _proc_exit = /* @__PURE__ */ __name((code2) => {
    EXITSTATUS = code2;
    if (!keepRuntimeAlive()) {
      Module["onExit"]?.(code2);
      ABORT = true;
    }
    quit_(code2, new ExitStatus(code2));
  }, "_proc_exit");
  _proc_exit.sig = "vi";
  var exitJS = /* @__PURE__ */ __name((status, implicit) => {
    EXITSTATUS = status;
    _proc_exit(status);
  }, "exitJS");
  var handleException = /* @__PURE__ */ __name((e) => {
    if (e instanceof ExitStatus || e == "unwind") {
      return EXITSTATUS;
    }
    quit_(1, e);
  }, "handleException");
  var lengthBytesUTF8 = /* @__PURE__ */ __name((str2) => {
    var len = 0;
    for (var i2 = 0; i2 < str2.length; ++i2) {
      var c3 = str2.charCodeAt(i2);
      if (c3 <= 127) {
        len++;
      } else if (c3 <= 2047) {
        len += 2;
      } else if (c3 >= 55296 && c3 <= 57343) {
        len += 4;
        ++i2;
      } else {
        len += 3;
      }
    }
    return len;
  }, "lengthBytesUTF8");
  var stringToUTF8Array = /* @__PURE__ */ __name((str2, heap, outIdx, maxBytesToWrite) => {
    if (!(maxBytesToWrite > 0)) return 0;
    var startIdx = outIdx;
    var endIdx = outIdx + maxBytesToWrite - 1;
    for (var i2 = 0; i2 < str2.length; ++i2) {
      var u2 = str2.codePointAt(i2);
      if (u2 <= 127) {
        if (outIdx >= endIdx) break;
        heap[outIdx++] = u2;
      } else if (u2 <= 2047) {
        if (outIdx + 1 >= endIdx) break;
        heap[outIdx++] = 192 | u2 >> 6;
        heap[outIdx++] = 128 | u2 & 63;
      } else if (u2 <= 65535) {
        if (outIdx + 2 >= endIdx) break;
        heap[outIdx++] = 224 | u2 >> 12;
        heap[outIdx++] = 128 | u2 >> 6 & 63;
        heap[outIdx++] = 128 | u2 & 63;
      } else {
        if (outIdx + 3 >= endIdx) break;
        heap[outIdx++] = 240 | u2 >> 18;
        heap[outIdx++] = 128 | u2 >> 12 & 63;
        heap[outIdx++] = 128 | u2 >> 6 & 63;
        heap[outIdx++] = 128 | u2 & 63;
        i2++;
      }
    }
    heap[outIdx] = 0;
    return outIdx - startIdx;
  }, "stringToUTF8Array");
  var stringToUTF8 = /* @__PURE__ */ __name((str2, outPtr, maxBytesToWrite) => stringToUTF8Array(str2, HEAPU8, outPtr, maxBytesToWrite), "stringToUTF8");
  var stackAlloc = /* @__PURE__ */ __name((sz) => __emscripten_stack_alloc(sz), "stackAlloc");
  var stringToUTF8OnStack = /* @__PURE__ */ __name((str2) => {
    var size = lengthBytesUTF8(str2) + 1;
    var ret = stackAlloc(size);
    stringToUTF8(str2, ret, size);
    return ret;
  }, "stringToUTF8OnStack");
  var AsciiToString = /* @__PURE__ */ __name((ptr) => {
    var str2 = "";
    while (1) {
      var ch = HEAPU8[ptr++];
      if (!ch) return str2;
      str2 += String.fromCharCode(ch);
    }
  }, "AsciiToString");
  var stringToUTF16 = /* @__PURE__ */ __name((str2, outPtr, maxBytesToWrite) => {
    maxBytesToWrite ??= 2147483647;
    if (maxBytesToWrite < 2) return 0;
    maxBytesToWrite -= 2;
    var startPtr = outPtr;
    var numCharsToWrite = maxBytesToWrite < str2.length * 2 ? maxBytesToWrite / 2 : str2.length;
    for (var i2 = 0; i2 < numCharsToWrite; ++i2) {
      var codeUnit = str2.charCodeAt(i2);
      LE_HEAP_STORE_I16((outPtr >> 1) * 2, codeUnit);
      outPtr += 2;
    }
    LE_HEAP_STORE_I16((outPtr >> 1) * 2, 0);
    return outPtr - startPtr;
  }, "stringToUTF16");
  LE_ATOMICS_NATIVE_BYTE_ORDER = new Int8Array(new Int16Array([1]).buffer)[0] === 1 ? [
    /* little endian */
    ((x3) => x3),
    ((x3) => x3),
    void 0,
    ((x3) => x3)
  ] : [
    /* big endian */
    ((x3) => x3),
    ((x3) => ((x3 & 65280) << 8 | (x3 & 255) << 24) >> 16),
    void 0,
    ((x3) => x3 >> 24 & 255 | x3 >> 8 & 65280 | (x3 & 65280) << 8 | (x3 & 255) << 24)
  ];
  function LE_HEAP_UPDATE() {
    HEAPU16.unsigned = ((x3) => x3 & 65535);
    HEAPU32.unsigned = ((x3) => x3 >>> 0);
  }
  __name(LE_HEAP_UPDATE, "LE_HEAP_UPDATE");
  {
    initMemory();
    if (Module["noExitRuntime"]) noExitRuntime = Module["noExitRuntime"];
    if (Module["print"]) out = Module["print"];
    if (Module["printErr"]) err = Module["printErr"];
    if (Module["dynamicLibraries"]) dynamicLibraries = Module["dynamicLibraries"];
    if (Module["wasmBinary"]) wasmBinary = Module["wasmBinary"];
    if (Module["arguments"]) arguments_ = Module["arguments"];
    if (Module["thisProgram"]) thisProgram = Module["thisProgram"];
    if (Module["preInit"]) {
      if (typeof Module["preInit"] == "function") Module["preInit"] = [Module["preInit"]];
      while (Module["preInit"].length > 0) {
        Module["preInit"].shift()();
      }
    }
  }
  Module["setValue"] = setValue;
  Module["getValue"] = getValue;
  Module["UTF8ToString"] = UTF8ToString;
  Module["stringToUTF8"] = stringToUTF8;
  Module["lengthBytesUTF8"] = lengthBytesUTF8;
  Module["AsciiToString"] = AsciiToString;
  Module["stringToUTF16"] = stringToUTF16;
  Module["loadWebAssemblyModule"] = loadWebAssemblyModule;
  Module["LE_HEAP_STORE_I64"] = LE_HEAP_STORE_I64;
  var ASM_CONSTS = {};
  var _malloc, _calloc, _realloc, _free, _ts_range_edit, _memcmp, _ts_language_symbol_count, _ts_language_state_count, _ts_language_abi_version, _ts_language_name, _ts_language_field_count, _ts_language_next_state, _ts_language_symbol_name, _ts_language_symbol_for_name, _strncmp, _ts_language_symbol_type, _ts_language_field_name_for_id, _ts_lookahead_iterator_new, _ts_lookahead_iterator_delete, _ts_lookahead_iterator_reset_state, _ts_lookahead_iterator_reset, _ts_lookahead_iterator_next, _ts_lookahead_iterator_current_symbol, _ts_point_edit, _ts_parser_delete, _ts_parser_reset, _ts_parser_set_language, _ts_parser_set_included_ranges, _ts_query_new, _ts_query_delete, _iswspace, _iswalnum, _ts_query_copy, _ts_query_pattern_count, _ts_query_capture_count, _ts_query_string_count, _ts_query_capture_name_for_id, _ts_query_capture_quantifier_for_id, _ts_query_string_value_for_id, _ts_query_predicates_for_pattern, _ts_query_start_byte_for_pattern, _ts_query_end_byte_for_pattern, _ts_query_is_pattern_rooted, _ts_query_is_pattern_non_local, _ts_query_is_pattern_guaranteed_at_step, _ts_query_disable_capture, _ts_query_disable_pattern, _ts_tree_copy, _ts_tree_delete, _ts_init, _ts_parser_new_wasm, _ts_parser_enable_logger_wasm, _ts_parser_parse_wasm, _ts_parser_included_ranges_wasm, _ts_language_type_is_named_wasm, _ts_language_type_is_visible_wasm, _ts_language_metadata_wasm, _ts_language_supertypes_wasm, _ts_language_subtypes_wasm, _ts_tree_root_node_wasm, _ts_tree_root_node_with_offset_wasm, _ts_tree_edit_wasm, _ts_tree_included_ranges_wasm, _ts_tree_get_changed_ranges_wasm, _ts_tree_cursor_new_wasm, _ts_tree_cursor_copy_wasm, _ts_tree_cursor_delete_wasm, _ts_tree_cursor_reset_wasm, _ts_tree_cursor_reset_to_wasm, _ts_tree_cursor_goto_first_child_wasm, _ts_tree_cursor_goto_last_child_wasm, _ts_tree_cursor_goto_first_child_for_index_wasm, _ts_tree_cursor_goto_first_child_for_position_wasm, _ts_tree_cursor_goto_next_sibling_wasm, _ts_tree_cursor_goto_previous_sibling_wasm, _ts_tree_cursor_goto_descendant_wasm, _ts_tree_cursor_goto_parent_wasm, _ts_tree_cursor_current_node_type_id_wasm, _ts_tree_cursor_current_node_state_id_wasm, _ts_tree_cursor_current_node_is_named_wasm, _ts_tree_cursor_current_node_is_missing_wasm, _ts_tree_cursor_current_node_id_wasm, _ts_tree_cursor_start_position_wasm, _ts_tree_cursor_end_position_wasm, _ts_tree_cursor_start_index_wasm, _ts_tree_cursor_end_index_wasm, _ts_tree_cursor_current_field_id_wasm, _ts_tree_cursor_current_depth_wasm, _ts_tree_cursor_current_descendant_index_wasm, _ts_tree_cursor_current_node_wasm, _ts_node_symbol_wasm, _ts_node_field_name_for_child_wasm, _ts_node_field_name_for_named_child_wasm, _ts_node_children_by_field_id_wasm, _ts_node_first_child_for_byte_wasm, _ts_node_first_named_child_for_byte_wasm, _ts_node_grammar_symbol_wasm, _ts_node_child_count_wasm, _ts_node_named_child_count_wasm, _ts_node_child_wasm, _ts_node_named_child_wasm, _ts_node_child_by_field_id_wasm, _ts_node_next_sibling_wasm, _ts_node_prev_sibling_wasm, _ts_node_next_named_sibling_wasm, _ts_node_prev_named_sibling_wasm, _ts_node_descendant_count_wasm, _ts_node_parent_wasm, _ts_node_child_with_descendant_wasm, _ts_node_descendant_for_index_wasm, _ts_node_named_descendant_for_index_wasm, _ts_node_descendant_for_position_wasm, _ts_node_named_descendant_for_position_wasm, _ts_node_start_point_wasm, _ts_node_end_point_wasm, _ts_node_start_index_wasm, _ts_node_end_index_wasm, _ts_node_to_string_wasm, _ts_node_children_wasm, _ts_node_named_children_wasm, _ts_node_descendants_of_type_wasm, _ts_node_is_named_wasm, _ts_node_has_changes_wasm, _ts_node_has_error_wasm, _ts_node_is_error_wasm, _ts_node_is_missing_wasm, _ts_node_is_extra_wasm, _ts_node_parse_state_wasm, _ts_node_next_parse_state_wasm, _ts_query_matches_wasm, _ts_query_captures_wasm, _memset, _memcpy, _memmove, _iswalpha, _iswblank, _iswdigit, _iswlower, _iswpunct, _iswupper, _iswxdigit, _memchr, _strlen, _strcmp, _strncat, _strncpy, _towlower, _towupper, _setThrew, __emscripten_stack_restore, __emscripten_stack_alloc, _emscripten_stack_get_current, ___wasm_apply_data_relocs;
  function assignWasmExports(wasmExports2) {
    Module["_malloc"] = _malloc = wasmExports2["malloc"];
    Module["_calloc"] = _calloc = wasmExports2["calloc"];
    Module["_realloc"] = _realloc = wasmExports2["realloc"];
    Module["_free"] = _free = wasmExports2["free"];
    Module["_ts_range_edit"] = _ts_range_edit = wasmExports2["ts_range_edit"];
    Module["_memcmp"] = _memcmp = wasmExports2["memcmp"];
    Module["_ts_language_symbol_count"] = _ts_language_symbol_count = wasmExports2["ts_language_symbol_count"];
    Module["_ts_language_state_count"] = _ts_language_state_count = wasmExports2["ts_language_state_count"];
    Module["_ts_language_abi_version"] = _ts_language_abi_version = wasmExports2["ts_language_abi_version"];
    Module["_ts_language_name"] = _ts_language_name = wasmExports2["ts_language_name"];
    Module["_ts_language_field_count"] = _ts_language_field_count = wasmExports2["ts_language_field_count"];
    Module["_ts_language_next_state"] = _ts_language_next_state = wasmExports2["ts_language_next_state"];
    Module["_ts_language_symbol_name"] = _ts_language_symbol_name = wasmExports2["ts_language_symbol_name"];
    Module["_ts_language_symbol_for_name"] = _ts_language_symbol_for_name = wasmExports2["ts_language_symbol_for_name"];
    Module["_strncmp"] = _strncmp = wasmExports2["strncmp"];
    Module["_ts_language_symbol_type"] = _ts_language_symbol_type = wasmExports2["ts_language_symbol_type"];
    Module["_ts_language_field_name_for_id"] = _ts_language_field_name_for_id = wasmExports2["ts_language_field_name_for_id"];
    Module["_ts_lookahead_iterator_new"] = _ts_lookahead_iterator_new = wasmExports2["ts_lookahead_iterator_new"];
    Module["_ts_lookahead_iterator_delete"] = _ts_lookahead_iterator_delete = wasmExports2["ts_lookahead_iterator_delete"];
    Module["_ts_lookahead_iterator_reset_state"] = _ts_lookahead_iterator_reset_state = wasmExports2["ts_lookahead_iterator_reset_state"];
    Module["_ts_lookahead_iterator_reset"] = _ts_lookahead_iterator_reset = wasmExports2["ts_lookahead_iterator_reset"];
    Module["_ts_lookahead_iterator_next"] = _ts_lookahead_iterator_next = wasmExports2["ts_lookahead_iterator_next"];
    Module["_ts_lookahead_iterator_current_symbol"] = _ts_lookahead_iterator_current_symbol = wasmExports2["ts_lookahead_iterator_current_symbol"];
    Module["_ts_point_edit"] = _ts_point_edit = wasmExports2["ts_point_edit"];
    Module["_ts_parser_delete"] = _ts_parser_delete = wasmExports2["ts_parser_delete"];
    Module["_ts_parser_reset"] = _ts_parser_reset = wasmExports2["ts_parser_reset"];
    Module["_ts_parser_set_language"] = _ts_parser_set_language = wasmExports2["ts_parser_set_language"];
    Module["_ts_parser_set_included_ranges"] = _ts_parser_set_included_ranges = wasmExports2["ts_parser_set_included_ranges"];
    Module["_ts_query_new"] = _ts_query_new = wasmExports2["ts_query_new"];
    Module["_ts_query_delete"] = _ts_query_delete = wasmExports2["ts_query_delete"];
    Module["_iswspace"] = _iswspace = wasmExports2["iswspace"];
    Module["_iswalnum"] = _iswalnum = wasmExports2["iswalnum"];
    Module["_ts_query_copy"] = _ts_query_copy = wasmExports2["ts_query_copy"];
    Module["_ts_query_pattern_count"] = _ts_query_pattern_count = wasmExports2["ts_query_pattern_count"];
    Module["_ts_query_capture_count"] = _ts_query_capture_count = wasmExports2["ts_query_capture_count"];
    Module["_ts_query_string_count"] = _ts_query_string_count = wasmExports2["ts_query_string_count"];
    Module["_ts_query_capture_name_for_id"] = _ts_query_capture_name_for_id = wasmExports2["ts_query_capture_name_for_id"];
    Module["_ts_query_capture_quantifier_for_id"] = _ts_query_capture_quantifier_for_id = wasmExports2["ts_query_capture_quantifier_for_id"];
    Module["_ts_query_string_value_for_id"] = _ts_query_string_value_for_id = wasmExports2["ts_query_string_value_for_id"];
    Module["_ts_query_predicates_for_pattern"] = _ts_query_predicates_for_pattern = wasmExports2["ts_query_predicates_for_pattern"];
    Module["_ts_query_start_byte_for_pattern"] = _ts_query_start_byte_for_pattern = wasmExports2["ts_query_start_byte_for_pattern"];
    Module["_ts_query_end_byte_for_pattern"] = _ts_query_end_byte_for_pattern = wasmExports2["ts_query_end_byte_for_pattern"];
    Module["_ts_query_is_pattern_rooted"] = _ts_query_is_pattern_rooted = wasmExports2["ts_query_is_pattern_rooted"];
    Module["_ts_query_is_pattern_non_local"] = _ts_query_is_pattern_non_local = wasmExports2["ts_query_is_pattern_non_local"];
    Module["_ts_query_is_pattern_guaranteed_at_step"] = _ts_query_is_pattern_guaranteed_at_step = wasmExports2["ts_query_is_pattern_guaranteed_at_step"];
    Module["_ts_query_disable_capture"] = _ts_query_disable_capture = wasmExports2["ts_query_disable_capture"];
    Module["_ts_query_disable_pattern"] = _ts_query_disable_pattern = wasmExports2["ts_query_disable_pattern"];
    Module["_ts_tree_copy"] = _ts_tree_copy = wasmExports2["ts_tree_copy"];
    Module["_ts_tree_delete"] = _ts_tree_delete = wasmExports2["ts_tree_delete"];
    Module["_ts_init"] = _ts_init = wasmExports2["ts_init"];
    Module["_ts_parser_new_wasm"] = _ts_parser_new_wasm = wasmExports2["ts_parser_new_wasm"];
    Module["_ts_parser_enable_logger_wasm"] = _ts_parser_enable_logger_wasm = wasmExports2["ts_parser_enable_logger_wasm"];
    Module["_ts_parser_parse_wasm"] = _ts_parser_parse_wasm = wasmExports2["ts_parser_parse_wasm"];
    Module["_ts_parser_included_ranges_wasm"] = _ts_parser_included_ranges_wasm = wasmExports2["ts_parser_included_ranges_wasm"];
    Module["_ts_language_type_is_named_wasm"] = _ts_language_type_is_named_wasm = wasmExports2["ts_language_type_is_named_wasm"];
    Module["_ts_language_type_is_visible_wasm"] = _ts_language_type_is_visible_wasm = wasmExports2["ts_language_type_is_visible_wasm"];
    Module["_ts_language_metadata_wasm"] = _ts_language_metadata_wasm = wasmExports2["ts_language_metadata_wasm"];
    Module["_ts_language_supertypes_wasm"] = _ts_language_supertypes_wasm = wasmExports2["ts_language_supertypes_wasm"];
    Module["_ts_language_subtypes_wasm"] = _ts_language_subtypes_wasm = wasmExports2["ts_language_subtypes_wasm"];
    Module["_ts_tree_root_node_wasm"] = _ts_tree_root_node_wasm = wasmExports2["ts_tree_root_node_wasm"];
    Module["_ts_tree_root_node_with_offset_wasm"] = _ts_tree_root_node_with_offset_wasm = wasmExports2["ts_tree_root_node_with_offset_wasm"];
    Module["_ts_tree_edit_wasm"] = _ts_tree_edit_wasm = wasmExports2["ts_tree_edit_wasm"];
    Module["_ts_tree_included_ranges_wasm"] = _ts_tree_included_ranges_wasm = wasmExports2["ts_tree_included_ranges_wasm"];
    Module["_ts_tree_get_changed_ranges_wasm"] = _ts_tree_get_changed_ranges_wasm = wasmExports2["ts_tree_get_changed_ranges_wasm"];
    Module["_ts_tree_cursor_new_wasm"] = _ts_tree_cursor_new_wasm = wasmExports2["ts_tree_cursor_new_wasm"];
    Module["_ts_tree_cursor_copy_wasm"] = _ts_tree_cursor_copy_wasm = wasmExports2["ts_tree_cursor_copy_wasm"];
    Module["_ts_tree_cursor_delete_wasm"] = _ts_tree_cursor_delete_wasm = wasmExports2["ts_tree_cursor_delete_wasm"];
    Module["_ts_tree_cursor_reset_wasm"] = _ts_tree_cursor_reset_wasm = wasmExports2["ts_tree_cursor_reset_wasm"];
    Module["_ts_tree_cursor_reset_to_wasm"] = _ts_tree_cursor_reset_to_wasm = wasmExports2["ts_tree_cursor_reset_to_wasm"];
    Module["_ts_tree_cursor_goto_first_child_wasm"] = _ts_tree_cursor_goto_first_child_wasm = wasmExports2["ts_tree_cursor_goto_first_child_wasm"];
    Module["_ts_tree_cursor_goto_last_child_wasm"] = _ts_tree_cursor_goto_last_child_wasm = wasmExports2["ts_tree_cursor_goto_last_child_wasm"];
    Module["_ts_tree_cursor_goto_first_child_for_index_wasm"] = _ts_tree_cursor_goto_first_child_for_index_wasm = wasmExports2["ts_tree_cursor_goto_first_child_for_index_wasm"];
    Module["_ts_tree_cursor_goto_first_child_for_position_wasm"] = _ts_tree_cursor_goto_first_child_for_position_wasm = wasmExports2["ts_tree_cursor_goto_first_child_for_position_wasm"];
    Module["_ts_tree_cursor_goto_next_sibling_wasm"] = _ts_tree_cursor_goto_next_sibling_wasm = wasmExports2["ts_tree_cursor_goto_next_sibling_wasm"];
    Module["_ts_tree_cursor_goto_previous_sibling_wasm"] = _ts_tree_cursor_goto_previous_sibling_wasm = wasmExports2["ts_tree_cursor_goto_previous_sibling_wasm"];
    Module["_ts_tree_cursor_goto_descendant_wasm"] = _ts_tree_cursor_goto_descendant_wasm = wasmExports2["ts_tree_cursor_goto_descendant_wasm"];
    Module["_ts_tree_cursor_goto_parent_wasm"] = _ts_tree_cursor_goto_parent_wasm = wasmExports2["ts_tree_cursor_goto_parent_wasm"];
    Module["_ts_tree_cursor_current_node_type_id_wasm"] = _ts_tree_cursor_current_node_type_id_wasm = wasmExports2["ts_tree_cursor_current_node_type_id_wasm"];
    Module["_ts_tree_cursor_current_node_state_id_wasm"] = _ts_tree_cursor_current_node_state_id_wasm = wasmExports2["ts_tree_cursor_current_node_state_id_wasm"];
    Module["_ts_tree_cursor_current_node_is_named_wasm"] = _ts_tree_cursor_current_node_is_named_wasm = wasmExports2["ts_tree_cursor_current_node_is_named_wasm"];
    Module["_ts_tree_cursor_current_node_is_missing_wasm"] = _ts_tree_cursor_current_node_is_missing_wasm = wasmExports2["ts_tree_cursor_current_node_is_missing_wasm"];
    Module["_ts_tree_cursor_current_node_id_wasm"] = _ts_tree_cursor_current_node_id_wasm = wasmExports2["ts_tree_cursor_current_node_id_wasm"];
    Module["_ts_tree_cursor_start_position_wasm"] = _ts_tree_cursor_start_position_wasm = wasmExports2["ts_tree_cursor_start_position_wasm"];
    Module["_ts_tree_cursor_end_position_wasm"] = _ts_tree_cursor_end_position_wasm = wasmExports2["ts_tree_cursor_end_position_wasm"];
    Module["_ts_tree_cursor_start_index_wasm"] = _ts_tree_cursor_start_index_wasm = wasmExports2["ts_tree_cursor_start_index_wasm"];
    Module["_ts_tree_cursor_end_index_wasm"] = _ts_tree_cursor_end_index_wasm = wasmExports2["ts_tree_cursor_end_index_wasm"];
    Module["_ts_tree_cursor_current_field_id_wasm"] = _ts_tree_cursor_current_field_id_wasm = wasmExports2["ts_tree_cursor_current_field_id_wasm"];
    Module["_ts_tree_cursor_current_depth_wasm"] = _ts_tree_cursor_current_depth_wasm = wasmExports2["ts_tree_cursor_current_depth_wasm"];
    Module["_ts_tree_cursor_current_descendant_index_wasm"] = _ts_tree_cursor_current_descendant_index_wasm = wasmExports2["ts_tree_cursor_current_descendant_index_wasm"];
    Module["_ts_tree_cursor_current_node_wasm"] = _ts_tree_cursor_current_node_wasm = wasmExports2["ts_tree_cursor_current_node_wasm"];
    Module["_ts_node_symbol_wasm"] = _ts_node_symbol_wasm = wasmExports2["ts_node_symbol_wasm"];
    Module["_ts_node_field_name_for_child_wasm"] = _ts_node_field_name_for_child_wasm = wasmExports2["ts_node_field_name_for_child_wasm"];
    Module["_ts_node_field_name_for_named_child_wasm"] = _ts_node_field_name_for_named_child_wasm = wasmExports2["ts_node_field_name_for_named_child_wasm"];
    Module["_ts_node_children_by_field_id_wasm"] = _ts_node_children_by_field_id_wasm = wasmExports2["ts_node_children_by_field_id_wasm"];
    Module["_ts_node_first_child_for_byte_wasm"] = _ts_node_first_child_for_byte_wasm = wasmExports2["ts_node_first_child_for_byte_wasm"];
    Module["_ts_node_first_named_child_for_byte_wasm"] = _ts_node_first_named_child_for_byte_wasm = wasmExports2["ts_node_first_named_child_for_byte_wasm"];
    Module["_ts_node_grammar_symbol_wasm"] = _ts_node_grammar_symbol_wasm = wasmExports2["ts_node_grammar_symbol_wasm"];
    Module["_ts_node_child_count_wasm"] = _ts_node_child_count_wasm = wasmExports2["ts_node_child_count_wasm"];
    Module["_ts_node_named_child_count_wasm"] = _ts_node_named_child_count_wasm = wasmExports2["ts_node_named_child_count_wasm"];
    Module["_ts_node_child_wasm"] = _ts_node_child_wasm = wasmExports2["ts_node_child_wasm"];
    Module["_ts_node_named_child_wasm"] = _ts_node_named_child_wasm = wasmExports2["ts_node_named_child_wasm"];
    Module["_ts_node_child_by_field_id_wasm"] = _ts_node_child_by_field_id_wasm = wasmExports2["ts_node_child_by_field_id_wasm"];
    Module["_ts_node_next_sibling_wasm"] = _ts_node_next_sibling_wasm = wasmExports2["ts_node_next_sibling_wasm"];
    Module["_ts_node_prev_sibling_wasm"] = _ts_node_prev_sibling_wasm = wasmExports2["ts_node_prev_sibling_wasm"];
    Module["_ts_node_next_named_sibling_wasm"] = _ts_node_next_named_sibling_wasm = wasmExports2["ts_node_next_named_sibling_wasm"];
    Module["_ts_node_prev_named_sibling_wasm"] = _ts_node_prev_named_sibling_wasm = wasmExports2["ts_node_prev_named_sibling_wasm"];
    Module["_ts_node_descendant_count_wasm"] = _ts_node_descendant_count_wasm = wasmExports2["ts_node_descendant_count_wasm"];
    Module["_ts_node_parent_wasm"] = _ts_node_parent_wasm = wasmExports2["ts_node_parent_wasm"];
    Module["_ts_node_child_with_descendant_wasm"] = _ts_node_child_with_descendant_wasm = wasmExports2["ts_node_child_with_descendant_wasm"];
    Module["_ts_node_descendant_for_index_wasm"] = _ts_node_descendant_for_index_wasm = wasmExports2["ts_node_descendant_for_index_wasm"];
    Module["_ts_node_named_descendant_for_index_wasm"] = _ts_node_named_descendant_for_index_wasm = wasmExports2["ts_node_named_descendant_for_index_wasm"];
    Module["_ts_node_descendant_for_position_wasm"] = _ts_node_descendant_for_position_wasm = wasmExports2["ts_node_descendant_for_position_wasm"];
    Module["_ts_node_named_descendant_for_position_wasm"] = _ts_node_named_descendant_for_position_wasm = wasmExports2["ts_node_named_descendant_for_position_wasm"];
    Module["_ts_node_start_point_wasm"] = _ts_node_start_point_wasm = wasmExports2["ts_node_start_point_wasm"];
    Module["_ts_node_end_point_wasm"] = _ts_node_end_point_wasm = wasmExports2["ts_node_end_point_wasm"];
    Module["_ts_node_start_index_wasm"] = _ts_node_start_index_wasm = wasmExports2["ts_node_start_index_wasm"];
    Module["_ts_node_end_index_wasm"] = _ts_node_end_index_wasm = wasmExports2["ts_node_end_index_wasm"];
    Module["_ts_node_to_string_wasm"] = _ts_node_to_string_wasm = wasmExports2["ts_node_to_string_wasm"];
    Module["_ts_node_children_wasm"] = _ts_node_children_wasm = wasmExports2["ts_node_children_wasm"];
    Module["_ts_node_named_children_wasm"] = _ts_node_named_children_wasm = wasmExports2["ts_node_named_children_wasm"];
    Module["_ts_node_descendants_of_type_wasm"] = _ts_node_descendants_of_type_wasm = wasmExports2["ts_node_descendants_of_type_wasm"];
    Module["_ts_node_is_named_wasm"] = _ts_node_is_named_wasm = wasmExports2["ts_node_is_named_wasm"];
    Module["_ts_node_has_changes_wasm"] = _ts_node_has_changes_wasm = wasmExports2["ts_node_has_changes_wasm"];
    Module["_ts_node_has_error_wasm"] = _ts_node_has_error_wasm = wasmExports2["ts_node_has_error_wasm"];
    Module["_ts_node_is_error_wasm"] = _ts_node_is_error_wasm = wasmExports2["ts_node_is_error_wasm"];
    Module["_ts_node_is_missing_wasm"] = _ts_node_is_missing_wasm = wasmExports2["ts_node_is_missing_wasm"];
    Module["_ts_node_is_extra_wasm"] = _ts_node_is_extra_wasm = wasmExports2["ts_node_is_extra_wasm"];
    Module["_ts_node_parse_state_wasm"] = _ts_node_parse_state_wasm = wasmExports2["ts_node_parse_state_wasm"];
    Module["_ts_node_next_parse_state_wasm"] = _ts_node_next_parse_state_wasm = wasmExports2["ts_node_next_parse_state_wasm"];
    Module["_ts_query_matches_wasm"] = _ts_query_matches_wasm = wasmExports2["ts_query_matches_wasm"];
    Module["_ts_query_captures_wasm"] = _ts_query_captures_wasm = wasmExports2["ts_query_captures_wasm"];
    Module["_memset"] = _memset = wasmExports2["memset"];
    Module["_memcpy"] = _memcpy = wasmExports2["memcpy"];
    Module["_memmove"] = _memmove = wasmExports2["memmove"];
    Module["_iswalpha"] = _iswalpha = wasmExports2["iswalpha"];
    Module["_iswblank"] = _iswblank = wasmExports2["iswblank"];
    Module["_iswdigit"] = _iswdigit = wasmExports2["iswdigit"];
    Module["_iswlower"] = _iswlower = wasmExports2["iswlower"];
    Module["_iswpunct"] = _iswpunct = wasmExports2["iswpunct"];
    Module["_iswupper"] = _iswupper = wasmExports2["iswupper"];
    Module["_iswxdigit"] = _iswxdigit = wasmExports2["iswxdigit"];
    Module["_memchr"] = _memchr = wasmExports2["memchr"];
    Module["_strlen"] = _strlen = wasmExports2["strlen"];
    Module["_strcmp"] = _strcmp = wasmExports2["strcmp"];
    Module["_strncat"] = _strncat = wasmExports2["strncat"];
    Module["_strncpy"] = _strncpy = wasmExports2["strncpy"];
    Module["_towlower"] = _towlower = wasmExports2["towlower"];
    Module["_towupper"] = _towupper = wasmExports2["towupper"];
    _setThrew = wasmExports2["setThrew"];
    __emscripten_stack_restore = wasmExports2["_emscripten_stack_restore"];
    __emscripten_stack_alloc = wasmExports2["_emscripten_stack_alloc"];
    _emscripten_stack_get_current = wasmExports2["emscripten_stack_get_current"];
    ___wasm_apply_data_relocs = wasmExports2["__wasm_apply_data_relocs"];
  }
  __name(assignWasmExports, "assignWasmExports");
  var wasmImports = {
    /** @export */
    __heap_base: ___heap_base,
    /** @export */
    __indirect_function_table: wasmTable,
    /** @export */
    __memory_base: ___memory_base,
    /** @export */
    __stack_high: ___stack_high,
    /** @export */
    __stack_low: ___stack_low,
    /** @export */
    __stack_pointer: ___stack_pointer,
    /** @export */
    __table_base: ___table_base,
    /** @export */
    _abort_js: __abort_js,
    /** @export */
    emscripten_resize_heap: _emscripten_resize_heap,
    /** @export */
    fd_close: _fd_close,
    /** @export */
    fd_seek: _fd_seek,
    /** @export */
    fd_write: _fd_write,
    /** @export */
    memory: wasmMemory,
    /** @export */
    tree_sitter_log_callback: _tree_sitter_log_callback,
    /** @export */
    tree_sitter_parse_callback: _tree_sitter_parse_callback,
    /** @export */
    tree_sitter_progress_callback: _tree_sitter_progress_callback,
    /** @export */
    tree_sitter_query_progress_callback: _tree_sitter_query_progress_callback
  };
  function callMain(args2 = []) {
    var entryFunction = resolveGlobalSymbol("main").sym;
    if (!entryFunction) return;
    args2.unshift(thisProgram);
    var argc = args2.length;
    var argv = stackAlloc((argc + 1) * 4);
    var argv_ptr = argv;
    args2.forEach((arg) => {
      LE_HEAP_STORE_U32((argv_ptr >> 2) * 4, stringToUTF8OnStack(arg));
      argv_ptr += 4;
    });
    LE_HEAP_STORE_U32((argv_ptr >> 2) * 4, 0);
    try {
      var ret = entryFunction(argc, argv);
      exitJS(
        ret,
        /* implicit = */
        true
      );
      return ret;
    } catch (e) {
      return handleException(e);
    }
  }
  __name(callMain, "callMain");
  function run(args2 = arguments_) {
    if (runDependencies > 0) {
      dependenciesFulfilled = run;
      return;
    }
    preRun();
    if (runDependencies > 0) {
      dependenciesFulfilled = run;
      return;
    }
    function doRun() {
      Module["calledRun"] = true;
      if (ABORT) return;
      initRuntime();
      preMain();
      readyPromiseResolve?.(Module);
      Module["onRuntimeInitialized"]?.();
      var noInitialRun = Module["noInitialRun"] || false;
      if (!noInitialRun) callMain(args2);
      postRun();
    }
    __name(doRun, "doRun");
    if (Module["setStatus"]) {
      Module["setStatus"]("Running...");
      setTimeout(() => {
        setTimeout(() => Module["setStatus"](""), 1);
        doRun();
      }, 1);
    } else {
      doRun();
    }
  }
  __name(run, "run");
  var wasmExports;
  wasmExports = await createWasm();
  run();
  if (runtimeInitialized) {
    moduleRtn = Module;
  } else {
    moduleRtn = new Promise((resolve2, reject) => {
      readyPromiseResolve = resolve2;
      readyPromiseReject = reject;
    });
  }
  return moduleRtn;
}
__name(Module2, "Module");
var web_tree_sitter_default = Module2;
var Module3 = null;
async function initializeBinding(moduleOptions) {
  return Module3 ??= await web_tree_sitter_default(moduleOptions);
}
__name(initializeBinding, "initializeBinding");
function checkModule() {
  return !!Module3;
}
__name(checkModule, "checkModule");
var TRANSFER_BUFFER;
var LANGUAGE_VERSION;
var MIN_COMPATIBLE_VERSION;
var finalizer4 = newFinalizer((addresses) => {
  C2._ts_parser_delete(addresses[0]);
  C2._free(addresses[1]);
});
var Parser = class {
  static {
    __name(this, "Parser");
  }
  /** @internal */
  [0] = 0;
  // Internal handle for Wasm
  /** @internal */
  [1] = 0;
  // Internal handle for Wasm
  /** @internal */
  logCallback = null;
  /** The parser's current language. */
  language = null;
  /**
   * This must always be called before creating a Parser.
   *
   * You can optionally pass in options to configure the Wasm module, the most common
   * one being `locateFile` to help the module find the `.wasm` file.
   */
  static async init(moduleOptions) {
    setModule(await initializeBinding(moduleOptions));
    TRANSFER_BUFFER = C2._ts_init();
    LANGUAGE_VERSION = C2.getValue(TRANSFER_BUFFER, "i32");
    MIN_COMPATIBLE_VERSION = C2.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
  }
  /**
   * Create a new parser.
   */
  constructor() {
    this.initialize();
    finalizer4?.register(this, [this[0], this[1]], this);
  }
  /** @internal */
  initialize() {
    if (!checkModule()) {
      throw new Error("cannot construct a Parser before calling `init()`");
    }
    C2._ts_parser_new_wasm();
    this[0] = C2.getValue(TRANSFER_BUFFER, "i32");
    this[1] = C2.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
  }
  /** Delete the parser, freeing its resources. */
  delete() {
    finalizer4?.unregister(this);
    C2._ts_parser_delete(this[0]);
    C2._free(this[1]);
    this[0] = 0;
    this[1] = 0;
  }
  /**
   * Set the language that the parser should use for parsing.
   *
   * If the language was not successfully assigned, an error will be thrown.
   * This happens if the language was generated with an incompatible
   * version of the Tree-sitter CLI. Check the language's version using
   * {@link Language#version} and compare it to this library's
   * {@link LANGUAGE_VERSION} and {@link MIN_COMPATIBLE_VERSION} constants.
   */
  setLanguage(language) {
    let address;
    if (!language) {
      address = 0;
      this.language = null;
    } else if (language.constructor === Language) {
      address = language[0];
      const version = C2._ts_language_abi_version(address);
      if (version < MIN_COMPATIBLE_VERSION || LANGUAGE_VERSION < version) {
        throw new Error(
          `Incompatible language version ${version}. Compatibility range ${MIN_COMPATIBLE_VERSION} through ${LANGUAGE_VERSION}.`
        );
      }
      this.language = language;
    } else {
      throw new Error("Argument must be a Language");
    }
    C2._ts_parser_set_language(this[0], address);
    return this;
  }
  /**
   * Parse a slice of UTF8 text.
   *
   * @param {string | ParseCallback} callback - The UTF8-encoded text to parse or a callback function.
   *
   * @param {Tree | null} [oldTree] - A previous syntax tree parsed from the same document. If the text of the
   *   document has changed since `oldTree` was created, then you must edit `oldTree` to match
   *   the new text using {@link Tree#edit}.
   *
   * @param {ParseOptions} [options] - Options for parsing the text.
   *  This can be used to set the included ranges, or a progress callback.
   *
   * @returns {Tree | null} A {@link Tree} if parsing succeeded, or `null` if:
   *  - The parser has not yet had a language assigned with {@link Parser#setLanguage}.
   *  - The progress callback returned true.
   */
  parse(callback, oldTree, options) {
    if (typeof callback === "string") {
      C2.currentParseCallback = (index) => callback.slice(index);
    } else if (typeof callback === "function") {
      C2.currentParseCallback = callback;
    } else {
      throw new Error("Argument must be a string or a function");
    }
    if (options?.progressCallback) {
      C2.currentProgressCallback = options.progressCallback;
    } else {
      C2.currentProgressCallback = null;
    }
    if (this.logCallback) {
      C2.currentLogCallback = this.logCallback;
      C2._ts_parser_enable_logger_wasm(this[0], 1);
    } else {
      C2.currentLogCallback = null;
      C2._ts_parser_enable_logger_wasm(this[0], 0);
    }
    let rangeCount = 0;
    let rangeAddress = 0;
    if (options?.includedRanges) {
      rangeCount = options.includedRanges.length;
      rangeAddress = C2._calloc(rangeCount, SIZE_OF_RANGE);
      let address = rangeAddress;
      for (let i2 = 0; i2 < rangeCount; i2++) {
        marshalRange(address, options.includedRanges[i2]);
        address += SIZE_OF_RANGE;
      }
    }
    const treeAddress = C2._ts_parser_parse_wasm(
      this[0],
      this[1],
      oldTree ? oldTree[0] : 0,
      rangeAddress,
      rangeCount
    );
    if (!treeAddress) {
      C2.currentParseCallback = null;
      C2.currentLogCallback = null;
      C2.currentProgressCallback = null;
      return null;
    }
    if (!this.language) {
      throw new Error("Parser must have a language to parse");
    }
    const result = new Tree(INTERNAL, treeAddress, this.language, C2.currentParseCallback);
    C2.currentParseCallback = null;
    C2.currentLogCallback = null;
    C2.currentProgressCallback = null;
    return result;
  }
  /**
   * Instruct the parser to start the next parse from the beginning.
   *
   * If the parser previously failed because of a callback, 
   * then by default, it will resume where it left off on the
   * next call to {@link Parser#parse} or other parsing functions.
   * If you don't want to resume, and instead intend to use this parser to
   * parse some other document, you must call `reset` first.
   */
  reset() {
    C2._ts_parser_reset(this[0]);
  }
  /** Get the ranges of text that the parser will include when parsing. */
  getIncludedRanges() {
    C2._ts_parser_included_ranges_wasm(this[0]);
    const count = C2.getValue(TRANSFER_BUFFER, "i32");
    const buffer2 = C2.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const result = new Array(count);
    if (count > 0) {
      let address = buffer2;
      for (let i2 = 0; i2 < count; i2++) {
        result[i2] = unmarshalRange(address);
        address += SIZE_OF_RANGE;
      }
      C2._free(buffer2);
    }
    return result;
  }
  /** Set the logging callback that a parser should use during parsing. */
  setLogger(callback) {
    if (!callback) {
      this.logCallback = null;
    } else if (typeof callback !== "function") {
      throw new Error("Logger callback must be a function");
    } else {
      this.logCallback = callback;
    }
    return this;
  }
  /** Get the parser's current logger. */
  getLogger() {
    return this.logCallback;
  }
};
var PREDICATE_STEP_TYPE_CAPTURE = 1;
var PREDICATE_STEP_TYPE_STRING = 2;
var QUERY_WORD_REGEX = /[\w-]+/g;
var CaptureQuantifier = {
  Zero: 0,
  ZeroOrOne: 1,
  ZeroOrMore: 2,
  One: 3,
  OneOrMore: 4
};
var isCaptureStep = /* @__PURE__ */ __name((step) => step.type === "capture", "isCaptureStep");
var isStringStep = /* @__PURE__ */ __name((step) => step.type === "string", "isStringStep");
var QueryErrorKind = {
  Syntax: 1,
  NodeName: 2,
  FieldName: 3,
  CaptureName: 4,
  PatternStructure: 5
};
var QueryError = class _QueryError extends Error {
  constructor(kind, info2, index, length) {
    super(_QueryError.formatMessage(kind, info2));
    this.kind = kind;
    this.info = info2;
    this.index = index;
    this.length = length;
    this.name = "QueryError";
  }
  kind;
  info;
  index;
  length;
  static {
    __name(this, "QueryError");
  }
  /** Formats an error message based on the error kind and info */
  static formatMessage(kind, info2) {
    switch (kind) {
      case QueryErrorKind.NodeName:
        return `Bad node name '${info2.word}'`;
      case QueryErrorKind.FieldName:
        return `Bad field name '${info2.word}'`;
      case QueryErrorKind.CaptureName:
        return `Bad capture name @${info2.word}`;
      case QueryErrorKind.PatternStructure:
        return `Bad pattern structure at offset ${info2.suffix}`;
      case QueryErrorKind.Syntax:
        return `Bad syntax at offset ${info2.suffix}`;
    }
  }
};
function parseAnyPredicate(steps, index, operator, textPredicates) {
  if (steps.length !== 3) {
    throw new Error(
      `Wrong number of arguments to \`#${operator}\` predicate. Expected 2, got ${steps.length - 1}`
    );
  }
  if (!isCaptureStep(steps[1])) {
    throw new Error(
      `First argument of \`#${operator}\` predicate must be a capture. Got "${steps[1].value}"`
    );
  }
  const isPositive = operator === "eq?" || operator === "any-eq?";
  const matchAll = !operator.startsWith("any-");
  if (isCaptureStep(steps[2])) {
    const captureName1 = steps[1].name;
    const captureName2 = steps[2].name;
    textPredicates[index].push((captures) => {
      const nodes1 = [];
      const nodes2 = [];
      for (const c3 of captures) {
        if (c3.name === captureName1) nodes1.push(c3.node);
        if (c3.name === captureName2) nodes2.push(c3.node);
      }
      const compare = /* @__PURE__ */ __name((n1, n2, positive) => {
        return positive ? n1.text === n2.text : n1.text !== n2.text;
      }, "compare");
      return matchAll ? nodes1.every((n1) => nodes2.some((n2) => compare(n1, n2, isPositive))) : nodes1.some((n1) => nodes2.some((n2) => compare(n1, n2, isPositive)));
    });
  } else {
    const captureName = steps[1].name;
    const stringValue = steps[2].value;
    const matches = /* @__PURE__ */ __name((n) => n.text === stringValue, "matches");
    const doesNotMatch = /* @__PURE__ */ __name((n) => n.text !== stringValue, "doesNotMatch");
    textPredicates[index].push((captures) => {
      const nodes = [];
      for (const c3 of captures) {
        if (c3.name === captureName) nodes.push(c3.node);
      }
      const test = isPositive ? matches : doesNotMatch;
      return matchAll ? nodes.every(test) : nodes.some(test);
    });
  }
}
__name(parseAnyPredicate, "parseAnyPredicate");
function parseMatchPredicate(steps, index, operator, textPredicates) {
  if (steps.length !== 3) {
    throw new Error(
      `Wrong number of arguments to \`#${operator}\` predicate. Expected 2, got ${steps.length - 1}.`
    );
  }
  if (steps[1].type !== "capture") {
    throw new Error(
      `First argument of \`#${operator}\` predicate must be a capture. Got "${steps[1].value}".`
    );
  }
  if (steps[2].type !== "string") {
    throw new Error(
      `Second argument of \`#${operator}\` predicate must be a string. Got @${steps[2].name}.`
    );
  }
  const isPositive = operator === "match?" || operator === "any-match?";
  const matchAll = !operator.startsWith("any-");
  const captureName = steps[1].name;
  const regex = new RegExp(steps[2].value);
  textPredicates[index].push((captures) => {
    const nodes = [];
    for (const c3 of captures) {
      if (c3.name === captureName) nodes.push(c3.node.text);
    }
    const test = /* @__PURE__ */ __name((text, positive) => {
      return positive ? regex.test(text) : !regex.test(text);
    }, "test");
    if (nodes.length === 0) return !isPositive;
    return matchAll ? nodes.every((text) => test(text, isPositive)) : nodes.some((text) => test(text, isPositive));
  });
}
__name(parseMatchPredicate, "parseMatchPredicate");
function parseAnyOfPredicate(steps, index, operator, textPredicates) {
  if (steps.length < 2) {
    throw new Error(
      `Wrong number of arguments to \`#${operator}\` predicate. Expected at least 1. Got ${steps.length - 1}.`
    );
  }
  if (steps[1].type !== "capture") {
    throw new Error(
      `First argument of \`#${operator}\` predicate must be a capture. Got "${steps[1].value}".`
    );
  }
  const isPositive = operator === "any-of?";
  const captureName = steps[1].name;
  const stringSteps = steps.slice(2);
  if (!stringSteps.every(isStringStep)) {
    throw new Error(
      `Arguments to \`#${operator}\` predicate must be strings.".`
    );
  }
  const values = stringSteps.map((s) => s.value);
  textPredicates[index].push((captures) => {
    const nodes = [];
    for (const c3 of captures) {
      if (c3.name === captureName) nodes.push(c3.node.text);
    }
    if (nodes.length === 0) return !isPositive;
    return nodes.every((text) => values.includes(text)) === isPositive;
  });
}
__name(parseAnyOfPredicate, "parseAnyOfPredicate");
function parseIsPredicate(steps, index, operator, assertedProperties, refutedProperties) {
  if (steps.length < 2 || steps.length > 3) {
    throw new Error(
      `Wrong number of arguments to \`#${operator}\` predicate. Expected 1 or 2. Got ${steps.length - 1}.`
    );
  }
  if (!steps.every(isStringStep)) {
    throw new Error(
      `Arguments to \`#${operator}\` predicate must be strings.".`
    );
  }
  const properties = operator === "is?" ? assertedProperties : refutedProperties;
  if (!properties[index]) properties[index] = {};
  properties[index][steps[1].value] = steps[2]?.value ?? null;
}
__name(parseIsPredicate, "parseIsPredicate");
function parseSetDirective(steps, index, setProperties) {
  if (steps.length < 2 || steps.length > 3) {
    throw new Error(`Wrong number of arguments to \`#set!\` predicate. Expected 1 or 2. Got ${steps.length - 1}.`);
  }
  if (!steps.every(isStringStep)) {
    throw new Error(`Arguments to \`#set!\` predicate must be strings.".`);
  }
  if (!setProperties[index]) setProperties[index] = {};
  setProperties[index][steps[1].value] = steps[2]?.value ?? null;
}
__name(parseSetDirective, "parseSetDirective");
function parsePattern(index, stepType, stepValueId, captureNames, stringValues, steps, textPredicates, predicates, setProperties, assertedProperties, refutedProperties) {
  if (stepType === PREDICATE_STEP_TYPE_CAPTURE) {
    const name2 = captureNames[stepValueId];
    steps.push({ type: "capture", name: name2 });
  } else if (stepType === PREDICATE_STEP_TYPE_STRING) {
    steps.push({ type: "string", value: stringValues[stepValueId] });
  } else if (steps.length > 0) {
    if (steps[0].type !== "string") {
      throw new Error("Predicates must begin with a literal value");
    }
    const operator = steps[0].value;
    switch (operator) {
      case "any-not-eq?":
      case "not-eq?":
      case "any-eq?":
      case "eq?":
        parseAnyPredicate(steps, index, operator, textPredicates);
        break;
      case "any-not-match?":
      case "not-match?":
      case "any-match?":
      case "match?":
        parseMatchPredicate(steps, index, operator, textPredicates);
        break;
      case "not-any-of?":
      case "any-of?":
        parseAnyOfPredicate(steps, index, operator, textPredicates);
        break;
      case "is?":
      case "is-not?":
        parseIsPredicate(steps, index, operator, assertedProperties, refutedProperties);
        break;
      case "set!":
        parseSetDirective(steps, index, setProperties);
        break;
      default:
        predicates[index].push({ operator, operands: steps.slice(1) });
    }
    steps.length = 0;
  }
}
__name(parsePattern, "parsePattern");
var finalizer5 = newFinalizer((address) => {
  C2._ts_query_delete(address);
});
var Query = class {
  static {
    __name(this, "Query");
  }
  /** @internal */
  [0] = 0;
  // Internal handle for Wasm
  /** @internal */
  exceededMatchLimit;
  /** @internal */
  textPredicates;
  /** The names of the captures used in the query. */
  captureNames;
  /** The quantifiers of the captures used in the query. */
  captureQuantifiers;
  /**
   * The other user-defined predicates associated with the given index.
   *
   * This includes predicates with operators other than:
   * - `match?`
   * - `eq?` and `not-eq?`
   * - `any-of?` and `not-any-of?`
   * - `is?` and `is-not?`
   * - `set!`
   */
  predicates;
  /** The properties for predicates with the operator `set!`. */
  setProperties;
  /** The properties for predicates with the operator `is?`. */
  assertedProperties;
  /** The properties for predicates with the operator `is-not?`. */
  refutedProperties;
  /** The maximum number of in-progress matches for this cursor. */
  matchLimit;
  /**
   * Create a new query from a string containing one or more S-expression
   * patterns.
   *
   * The query is associated with a particular language, and can only be run
   * on syntax nodes parsed with that language. References to Queries can be
   * shared between multiple threads.
   *
   * @link {@see https://tree-sitter.github.io/tree-sitter/using-parsers/queries}
   */
  constructor(language, source2) {
    const sourceLength = C2.lengthBytesUTF8(source2);
    const sourceAddress = C2._malloc(sourceLength + 1);
    C2.stringToUTF8(source2, sourceAddress, sourceLength + 1);
    const address = C2._ts_query_new(
      language[0],
      sourceAddress,
      sourceLength,
      TRANSFER_BUFFER,
      TRANSFER_BUFFER + SIZE_OF_INT
    );
    if (!address) {
      const errorId = C2.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
      const errorByte = C2.getValue(TRANSFER_BUFFER, "i32");
      const errorIndex = C2.UTF8ToString(sourceAddress, errorByte).length;
      const suffix = source2.slice(errorIndex, errorIndex + 100).split("\n")[0];
      const word = suffix.match(QUERY_WORD_REGEX)?.[0] ?? "";
      C2._free(sourceAddress);
      switch (errorId) {
        case QueryErrorKind.Syntax:
          throw new QueryError(QueryErrorKind.Syntax, { suffix: `${errorIndex}: '${suffix}'...` }, errorIndex, 0);
        case QueryErrorKind.NodeName:
          throw new QueryError(errorId, { word }, errorIndex, word.length);
        case QueryErrorKind.FieldName:
          throw new QueryError(errorId, { word }, errorIndex, word.length);
        case QueryErrorKind.CaptureName:
          throw new QueryError(errorId, { word }, errorIndex, word.length);
        case QueryErrorKind.PatternStructure:
          throw new QueryError(errorId, { suffix: `${errorIndex}: '${suffix}'...` }, errorIndex, 0);
      }
    }
    const stringCount = C2._ts_query_string_count(address);
    const captureCount = C2._ts_query_capture_count(address);
    const patternCount = C2._ts_query_pattern_count(address);
    const captureNames = new Array(captureCount);
    const captureQuantifiers = new Array(patternCount);
    const stringValues = new Array(stringCount);
    for (let i2 = 0; i2 < captureCount; i2++) {
      const nameAddress = C2._ts_query_capture_name_for_id(
        address,
        i2,
        TRANSFER_BUFFER
      );
      const nameLength = C2.getValue(TRANSFER_BUFFER, "i32");
      captureNames[i2] = C2.UTF8ToString(nameAddress, nameLength);
    }
    for (let i2 = 0; i2 < patternCount; i2++) {
      const captureQuantifiersArray = new Array(captureCount);
      for (let j3 = 0; j3 < captureCount; j3++) {
        const quantifier = C2._ts_query_capture_quantifier_for_id(address, i2, j3);
        captureQuantifiersArray[j3] = quantifier;
      }
      captureQuantifiers[i2] = captureQuantifiersArray;
    }
    for (let i2 = 0; i2 < stringCount; i2++) {
      const valueAddress = C2._ts_query_string_value_for_id(
        address,
        i2,
        TRANSFER_BUFFER
      );
      const nameLength = C2.getValue(TRANSFER_BUFFER, "i32");
      stringValues[i2] = C2.UTF8ToString(valueAddress, nameLength);
    }
    const setProperties = new Array(patternCount);
    const assertedProperties = new Array(patternCount);
    const refutedProperties = new Array(patternCount);
    const predicates = new Array(patternCount);
    const textPredicates = new Array(patternCount);
    for (let i2 = 0; i2 < patternCount; i2++) {
      const predicatesAddress = C2._ts_query_predicates_for_pattern(address, i2, TRANSFER_BUFFER);
      const stepCount = C2.getValue(TRANSFER_BUFFER, "i32");
      predicates[i2] = [];
      textPredicates[i2] = [];
      const steps = new Array();
      let stepAddress = predicatesAddress;
      for (let j3 = 0; j3 < stepCount; j3++) {
        const stepType = C2.getValue(stepAddress, "i32");
        stepAddress += SIZE_OF_INT;
        const stepValueId = C2.getValue(stepAddress, "i32");
        stepAddress += SIZE_OF_INT;
        parsePattern(
          i2,
          stepType,
          stepValueId,
          captureNames,
          stringValues,
          steps,
          textPredicates,
          predicates,
          setProperties,
          assertedProperties,
          refutedProperties
        );
      }
      Object.freeze(textPredicates[i2]);
      Object.freeze(predicates[i2]);
      Object.freeze(setProperties[i2]);
      Object.freeze(assertedProperties[i2]);
      Object.freeze(refutedProperties[i2]);
    }
    C2._free(sourceAddress);
    this[0] = address;
    this.captureNames = captureNames;
    this.captureQuantifiers = captureQuantifiers;
    this.textPredicates = textPredicates;
    this.predicates = predicates;
    this.setProperties = setProperties;
    this.assertedProperties = assertedProperties;
    this.refutedProperties = refutedProperties;
    this.exceededMatchLimit = false;
    finalizer5?.register(this, address, this);
  }
  /** Delete the query, freeing its resources. */
  delete() {
    finalizer5?.unregister(this);
    C2._ts_query_delete(this[0]);
    this[0] = 0;
  }
  /**
   * Iterate over all of the matches in the order that they were found.
   *
   * Each match contains the index of the pattern that matched, and a list of
   * captures. Because multiple patterns can match the same set of nodes,
   * one match may contain captures that appear *before* some of the
   * captures from a previous match.
   *
   * @param {Node} node - The node to execute the query on.
   *
   * @param {QueryOptions} options - Options for query execution.
   */
  matches(node, options = {}) {
    const startPosition = options.startPosition ?? ZERO_POINT;
    const endPosition = options.endPosition ?? ZERO_POINT;
    const startIndex = options.startIndex ?? 0;
    const endIndex = options.endIndex ?? 0;
    const startContainingPosition = options.startContainingPosition ?? ZERO_POINT;
    const endContainingPosition = options.endContainingPosition ?? ZERO_POINT;
    const startContainingIndex = options.startContainingIndex ?? 0;
    const endContainingIndex = options.endContainingIndex ?? 0;
    const matchLimit = options.matchLimit ?? 4294967295;
    const maxStartDepth = options.maxStartDepth ?? 4294967295;
    const progressCallback = options.progressCallback;
    if (typeof matchLimit !== "number") {
      throw new Error("Arguments must be numbers");
    }
    this.matchLimit = matchLimit;
    if (endIndex !== 0 && startIndex > endIndex) {
      throw new Error("`startIndex` cannot be greater than `endIndex`");
    }
    if (endPosition !== ZERO_POINT && (startPosition.row > endPosition.row || startPosition.row === endPosition.row && startPosition.column > endPosition.column)) {
      throw new Error("`startPosition` cannot be greater than `endPosition`");
    }
    if (endContainingIndex !== 0 && startContainingIndex > endContainingIndex) {
      throw new Error("`startContainingIndex` cannot be greater than `endContainingIndex`");
    }
    if (endContainingPosition !== ZERO_POINT && (startContainingPosition.row > endContainingPosition.row || startContainingPosition.row === endContainingPosition.row && startContainingPosition.column > endContainingPosition.column)) {
      throw new Error("`startContainingPosition` cannot be greater than `endContainingPosition`");
    }
    if (progressCallback) {
      C2.currentQueryProgressCallback = progressCallback;
    }
    marshalNode(node);
    C2._ts_query_matches_wasm(
      this[0],
      node.tree[0],
      startPosition.row,
      startPosition.column,
      endPosition.row,
      endPosition.column,
      startIndex,
      endIndex,
      startContainingPosition.row,
      startContainingPosition.column,
      endContainingPosition.row,
      endContainingPosition.column,
      startContainingIndex,
      endContainingIndex,
      matchLimit,
      maxStartDepth
    );
    const rawCount = C2.getValue(TRANSFER_BUFFER, "i32");
    const startAddress = C2.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const didExceedMatchLimit = C2.getValue(TRANSFER_BUFFER + 2 * SIZE_OF_INT, "i32");
    const result = new Array(rawCount);
    this.exceededMatchLimit = Boolean(didExceedMatchLimit);
    let filteredCount = 0;
    let address = startAddress;
    for (let i2 = 0; i2 < rawCount; i2++) {
      const patternIndex = C2.getValue(address, "i32");
      address += SIZE_OF_INT;
      const captureCount = C2.getValue(address, "i32");
      address += SIZE_OF_INT;
      const captures = new Array(captureCount);
      address = unmarshalCaptures(this, node.tree, address, patternIndex, captures);
      if (this.textPredicates[patternIndex].every((p2) => p2(captures))) {
        result[filteredCount] = { patternIndex, captures };
        const setProperties = this.setProperties[patternIndex];
        result[filteredCount].setProperties = setProperties;
        const assertedProperties = this.assertedProperties[patternIndex];
        result[filteredCount].assertedProperties = assertedProperties;
        const refutedProperties = this.refutedProperties[patternIndex];
        result[filteredCount].refutedProperties = refutedProperties;
        filteredCount++;
      }
    }
    result.length = filteredCount;
    C2._free(startAddress);
    C2.currentQueryProgressCallback = null;
    return result;
  }
  /**
   * Iterate over all of the individual captures in the order that they
   * appear.
   *
   * This is useful if you don't care about which pattern matched, and just
   * want a single, ordered sequence of captures.
   *
   * @param {Node} node - The node to execute the query on.
   *
   * @param {QueryOptions} options - Options for query execution.
   */
  captures(node, options = {}) {
    const startPosition = options.startPosition ?? ZERO_POINT;
    const endPosition = options.endPosition ?? ZERO_POINT;
    const startIndex = options.startIndex ?? 0;
    const endIndex = options.endIndex ?? 0;
    const startContainingPosition = options.startContainingPosition ?? ZERO_POINT;
    const endContainingPosition = options.endContainingPosition ?? ZERO_POINT;
    const startContainingIndex = options.startContainingIndex ?? 0;
    const endContainingIndex = options.endContainingIndex ?? 0;
    const matchLimit = options.matchLimit ?? 4294967295;
    const maxStartDepth = options.maxStartDepth ?? 4294967295;
    const progressCallback = options.progressCallback;
    if (typeof matchLimit !== "number") {
      throw new Error("Arguments must be numbers");
    }
    this.matchLimit = matchLimit;
    if (endIndex !== 0 && startIndex > endIndex) {
      throw new Error("`startIndex` cannot be greater than `endIndex`");
    }
    if (endPosition !== ZERO_POINT && (startPosition.row > endPosition.row || startPosition.row === endPosition.row && startPosition.column > endPosition.column)) {
      throw new Error("`startPosition` cannot be greater than `endPosition`");
    }
    if (endContainingIndex !== 0 && startContainingIndex > endContainingIndex) {
      throw new Error("`startContainingIndex` cannot be greater than `endContainingIndex`");
    }
    if (endContainingPosition !== ZERO_POINT && (startContainingPosition.row > endContainingPosition.row || startContainingPosition.row === endContainingPosition.row && startContainingPosition.column > endContainingPosition.column)) {
      throw new Error("`startContainingPosition` cannot be greater than `endContainingPosition`");
    }
    if (progressCallback) {
      C2.currentQueryProgressCallback = progressCallback;
    }
    marshalNode(node);
    C2._ts_query_captures_wasm(
      this[0],
      node.tree[0],
      startPosition.row,
      startPosition.column,
      endPosition.row,
      endPosition.column,
      startIndex,
      endIndex,
      startContainingPosition.row,
      startContainingPosition.column,
      endContainingPosition.row,
      endContainingPosition.column,
      startContainingIndex,
      endContainingIndex,
      matchLimit,
      maxStartDepth
    );
    const count = C2.getValue(TRANSFER_BUFFER, "i32");
    const startAddress = C2.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const didExceedMatchLimit = C2.getValue(TRANSFER_BUFFER + 2 * SIZE_OF_INT, "i32");
    const result = new Array();
    this.exceededMatchLimit = Boolean(didExceedMatchLimit);
    const captures = new Array();
    let address = startAddress;
    for (let i2 = 0; i2 < count; i2++) {
      const patternIndex = C2.getValue(address, "i32");
      address += SIZE_OF_INT;
      const captureCount = C2.getValue(address, "i32");
      address += SIZE_OF_INT;
      const captureIndex = C2.getValue(address, "i32");
      address += SIZE_OF_INT;
      captures.length = captureCount;
      address = unmarshalCaptures(this, node.tree, address, patternIndex, captures);
      if (this.textPredicates[patternIndex].every((p2) => p2(captures))) {
        const capture = captures[captureIndex];
        const setProperties = this.setProperties[patternIndex];
        capture.setProperties = setProperties;
        const assertedProperties = this.assertedProperties[patternIndex];
        capture.assertedProperties = assertedProperties;
        const refutedProperties = this.refutedProperties[patternIndex];
        capture.refutedProperties = refutedProperties;
        result.push(capture);
      }
    }
    C2._free(startAddress);
    C2.currentQueryProgressCallback = null;
    return result;
  }
  /** Get the predicates for a given pattern. */
  predicatesForPattern(patternIndex) {
    return this.predicates[patternIndex];
  }
  /**
   * Disable a certain capture within a query.
   *
   * This prevents the capture from being returned in matches, and also
   * avoids any resource usage associated with recording the capture.
   */
  disableCapture(captureName) {
    const captureNameLength = C2.lengthBytesUTF8(captureName);
    const captureNameAddress = C2._malloc(captureNameLength + 1);
    C2.stringToUTF8(captureName, captureNameAddress, captureNameLength + 1);
    C2._ts_query_disable_capture(this[0], captureNameAddress, captureNameLength);
    C2._free(captureNameAddress);
  }
  /**
   * Disable a certain pattern within a query.
   *
   * This prevents the pattern from matching, and also avoids any resource
   * usage associated with the pattern. This throws an error if the pattern
   * index is out of bounds.
   */
  disablePattern(patternIndex) {
    if (patternIndex >= this.predicates.length) {
      throw new Error(
        `Pattern index is ${patternIndex} but the pattern count is ${this.predicates.length}`
      );
    }
    C2._ts_query_disable_pattern(this[0], patternIndex);
  }
  /**
   * Check if, on its last execution, this cursor exceeded its maximum number
   * of in-progress matches.
   */
  didExceedMatchLimit() {
    return this.exceededMatchLimit;
  }
  /** Get the byte offset where the given pattern starts in the query's source. */
  startIndexForPattern(patternIndex) {
    if (patternIndex >= this.predicates.length) {
      throw new Error(
        `Pattern index is ${patternIndex} but the pattern count is ${this.predicates.length}`
      );
    }
    return C2._ts_query_start_byte_for_pattern(this[0], patternIndex);
  }
  /** Get the byte offset where the given pattern ends in the query's source. */
  endIndexForPattern(patternIndex) {
    if (patternIndex >= this.predicates.length) {
      throw new Error(
        `Pattern index is ${patternIndex} but the pattern count is ${this.predicates.length}`
      );
    }
    return C2._ts_query_end_byte_for_pattern(this[0], patternIndex);
  }
  /** Get the number of patterns in the query. */
  patternCount() {
    return C2._ts_query_pattern_count(this[0]);
  }
  /** Get the index for a given capture name. */
  captureIndexForName(captureName) {
    return this.captureNames.indexOf(captureName);
  }
  /** Check if a given pattern within a query has a single root node. */
  isPatternRooted(patternIndex) {
    return C2._ts_query_is_pattern_rooted(this[0], patternIndex) === 1;
  }
  /** Check if a given pattern within a query has a single root node. */
  isPatternNonLocal(patternIndex) {
    return C2._ts_query_is_pattern_non_local(this[0], patternIndex) === 1;
  }
  /**
   * Check if a given step in a query is 'definite'.
   *
   * A query step is 'definite' if its parent pattern will be guaranteed to
   * match successfully once it reaches the step.
   */
  isPatternGuaranteedAtStep(byteIndex) {
    return C2._ts_query_is_pattern_guaranteed_at_step(this[0], byteIndex) === 1;
  }
};

// src/python/parser.ts
function locate(file, fromPackage) {
  const bundled = fileURLToPath(new URL(file, import.meta.url));
  return existsSync(bundled) ? bundled : createRequire(import.meta.url).resolve(fromPackage);
}
var parser;
async function initPython() {
  if (parser) return;
  const runtime = locate("web-tree-sitter.wasm", "web-tree-sitter/web-tree-sitter.wasm");
  await Parser.init({ locateFile: () => runtime });
  const grammar = locate("tree-sitter-python.wasm", "tree-sitter-python/tree-sitter-python.wasm");
  const python = await Language.load(new Uint8Array(readFileSync2(grammar)));
  const p2 = new Parser();
  p2.setLanguage(python);
  parser = p2;
}
function parsePython(source2) {
  if (!parser) throw new Error("initPython() was not awaited before parsing");
  const tree = parser.parse(source2);
  if (!tree) throw new Error("tree-sitter returned no tree");
  return tree;
}

// src/python/ast.ts
function parseModule(source2) {
  const tree = parsePython(source2);
  try {
    const errorLines = [];
    if (tree.rootNode.hasError) collectErrors(tree.rootNode, errorLines);
    sourceLines = source2.split(/\r?\n/);
    return { body: block(tree.rootNode), lines: sourceLines, errorLines };
  } finally {
    tree.delete();
  }
}
function collectErrors(node, out2) {
  if (out2.length >= 20) return;
  if (node.isError || node.isMissing) {
    out2.push(node.startPosition.row + 1);
    return;
  }
  if (!node.hasError) return;
  for (const child of node.children) if (child) collectErrors(child, out2);
}
var line = (n) => n.startPosition.row + 1;
function span(n) {
  return { line: line(n), endLine: n.endPosition.row + 1 };
}
function named(n) {
  return n.namedChildren.filter((c3) => c3 !== null && c3.type !== "comment");
}
var sourceLines = [];
function block(n) {
  if (!n) return [];
  const out2 = [];
  for (const child of named(n)) {
    if (!child.hasError) {
      out2.push(...statement(child));
      continue;
    }
    const s = span(child);
    out2.push({ ...s, t: "unreadable", names: assignedInText(s.line, s.endLine) });
    out2.push(...child.type === "ERROR" ? block(child) : statement(child));
  }
  return out2;
}
function assignedInText(from, to2) {
  const names = /* @__PURE__ */ new Set();
  for (let i2 = from; i2 <= to2; i2++) {
    const m2 = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:[-+*|]?=)(?!=)/.exec(sourceLines[i2 - 1] ?? "");
    if (m2) names.add(m2[1]);
  }
  return [...names];
}
function statement(n) {
  const s = span(n);
  switch (n.type) {
    case "expression_statement": {
      const inner = named(n);
      if (inner.length !== 1) return [{ ...s, t: "other" }];
      return [expressionStatement(inner[0], s)];
    }
    case "if_statement": {
      const branches = [{ cond: expr(n.childForFieldName("condition")), body: block(n.childForFieldName("consequence")) }];
      let orelse = null;
      for (const alt of n.childrenForFieldName("alternative")) {
        if (!alt) continue;
        if (alt.type === "elif_clause")
          branches.push({ cond: expr(alt.childForFieldName("condition")), body: block(alt.childForFieldName("consequence")) });
        else orelse = block(alt.childForFieldName("body"));
      }
      return [{ ...s, t: "if", branches, orelse }];
    }
    case "try_statement": {
      const handlers = [];
      let orelse = [];
      let final = [];
      for (const c3 of named(n)) {
        if (c3.type === "except_clause" || c3.type === "except_group_clause") {
          const parts2 = named(c3);
          const body2 = parts2.find((p2) => p2.type === "block") ?? null;
          const typeNode = parts2.find((p2) => p2.type !== "block");
          const types = typeNode ? exceptionNames(typeNode) : [];
          handlers.push({ types, body: block(body2) });
        } else if (c3.type === "else_clause") orelse = block(c3.childForFieldName("body"));
        else if (c3.type === "finally_clause") final = block(named(c3).find((p2) => p2.type === "block") ?? null);
      }
      return [{ ...s, t: "try", body: block(n.childForFieldName("body")), handlers, orelse, final }];
    }
    case "import_from_statement":
      return [importFrom(n, s)];
    case "future_import_statement":
      return [{ ...s, t: "other" }];
    case "import_statement": {
      const names = n.childrenForFieldName("name").flatMap((c3) => {
        if (!c3) return [];
        if (c3.type === "aliased_import")
          return [{ dotted: c3.childForFieldName("name")?.text ?? "", as: c3.childForFieldName("alias")?.text ?? null }];
        return [{ dotted: c3.text, as: null }];
      });
      return [{ ...s, t: "import", names }];
    }
    case "for_statement":
    case "while_statement":
      return [{ ...s, t: "loop", body: block(n.childForFieldName("body")), orelse: block(named(n).find((c3) => c3.type === "else_clause")?.childForFieldName("body") ?? null) }];
    case "with_statement":
      return [{ ...s, t: "with", body: block(n.childForFieldName("body")) }];
    case "function_definition":
    case "class_definition":
      return [{ ...s, t: "def", name: n.childForFieldName("name")?.text ?? "" }];
    case "decorated_definition": {
      const def = n.childForFieldName("definition");
      return [{ ...s, t: "def", name: def?.childForFieldName("name")?.text ?? "" }];
    }
    case "delete_statement": {
      const target = named(n)[0];
      const targets = target ? (target.type === "expression_list" ? named(target) : [target]).map(expr) : [];
      return [{ ...s, t: "del", targets }];
    }
    default:
      return [{ ...s, t: "other" }];
  }
}
function exceptionNames(n) {
  if (n.type === "as_pattern") return exceptionNames(named(n)[0]);
  if (n.type === "tuple" || n.type === "parenthesized_expression" || n.type === "expression_list")
    return named(n).flatMap(exceptionNames);
  return [n.text.split(".").pop() ?? n.text];
}
function importFrom(n, s) {
  const moduleNode = n.childForFieldName("module_name");
  let level = 0;
  let module2 = "";
  if (moduleNode?.type === "relative_import") {
    for (const c3 of named(moduleNode)) {
      if (c3.type === "import_prefix") level = c3.text.length;
      else module2 = c3.text;
    }
  } else module2 = moduleNode?.text ?? "";
  if (named(n).some((c3) => c3.type === "wildcard_import")) return { ...s, t: "importfrom", level, module: module2, names: "*" };
  const names = n.childrenForFieldName("name").flatMap((c3) => {
    if (!c3) return [];
    if (c3.type === "aliased_import") {
      const name2 = c3.childForFieldName("name")?.text ?? "";
      return [{ name: name2, as: c3.childForFieldName("alias")?.text ?? name2 }];
    }
    return [{ name: c3.text, as: c3.text }];
  });
  return { ...s, t: "importfrom", level, module: module2, names };
}
function expressionStatement(n, s) {
  if (n.type === "assignment") {
    const targets = [];
    let cur = n;
    while (cur && cur.type === "assignment") {
      const left = cur.childForFieldName("left");
      if (left) targets.push(expr(left));
      const right = cur.childForFieldName("right");
      if (!right) return { ...s, t: "other" };
      if (right.type !== "assignment") return { ...s, t: "assign", targets, value: expr(right) };
      cur = right;
    }
    return { ...s, t: "other" };
  }
  if (n.type === "augmented_assignment") {
    const op = n.childForFieldName("operator")?.text ?? "+=";
    return { ...s, t: "augassign", target: expr(n.childForFieldName("left")), op: op.slice(0, -1), value: expr(n.childForFieldName("right")) };
  }
  return { ...s, t: "expr", expr: expr(n) };
}
function expr(n) {
  if (!n) return { t: "unknown", line: 0, why: "missing expression" };
  const ln2 = line(n);
  switch (n.type) {
    case "identifier":
      return { t: "name", line: ln2, id: n.text };
    case "integer": {
      const text = n.text.replace(/_/g, "").toLowerCase();
      if (text.endsWith("j") || text.endsWith("l")) return { t: "unknown", line: ln2, why: "complex literal" };
      const value = /^0[oO]/.test(text) ? parseInt(text.slice(2), 8) : Number(text);
      return Number.isFinite(value) ? { t: "const", line: ln2, value } : { t: "unknown", line: ln2, why: "integer literal" };
    }
    case "float":
      return { t: "const", line: ln2, value: Number(n.text.replace(/_/g, "")), isFloat: true };
    case "true":
      return { t: "const", line: ln2, value: true };
    case "false":
      return { t: "const", line: ln2, value: false };
    case "none":
      return { t: "const", line: ln2, value: null };
    case "string":
      return stringExpr([n], ln2);
    case "concatenated_string":
      return stringExpr(named(n), ln2);
    case "parenthesized_expression": {
      const inner = named(n);
      return inner.length === 1 ? expr(inner[0]) : { t: "unknown", line: ln2, why: "expression" };
    }
    case "attribute":
      return { t: "attr", line: ln2, obj: expr(n.childForFieldName("object")), attr: n.childForFieldName("attribute")?.text ?? "" };
    case "call":
      return call(n, ln2);
    case "subscript": {
      const indexes = n.childrenForFieldName("subscript").filter((c3) => c3 !== null);
      const index = indexes.length !== 1 || indexes[0].type === "slice" ? { t: "unknown", line: ln2, why: "slice" } : expr(indexes[0]);
      return { t: "subscript", line: ln2, obj: expr(n.childForFieldName("value")), index };
    }
    case "binary_operator":
      return { t: "binop", line: ln2, op: n.childForFieldName("operator")?.text ?? "?", left: expr(n.childForFieldName("left")), right: expr(n.childForFieldName("right")) };
    case "unary_operator":
      return { t: "unary", line: ln2, op: n.childForFieldName("operator")?.text ?? "?", arg: expr(n.childForFieldName("argument")) };
    case "not_operator":
      return { t: "unary", line: ln2, op: "not", arg: expr(n.childForFieldName("argument")) };
    case "boolean_operator": {
      const op = n.childForFieldName("operator")?.text === "or" ? "or" : "and";
      return { t: "boolop", line: ln2, op, left: expr(n.childForFieldName("left")), right: expr(n.childForFieldName("right")) };
    }
    case "comparison_operator": {
      const ops = [];
      const operands = [];
      for (let i2 = 0; i2 < n.childCount; i2++) {
        const c3 = n.child(i2);
        if (!c3) continue;
        if (n.fieldNameForChild(i2) === "operators") ops.push(c3.type);
        else if (c3.isNamed && c3.type !== "comment") operands.push(expr(c3));
      }
      return { t: "compare", line: ln2, ops, operands };
    }
    case "conditional_expression": {
      const [a, cond, b3] = named(n);
      return { t: "ifexp", line: ln2, cond: expr(cond), then: expr(a), else: expr(b3) };
    }
    case "list":
    case "set":
    case "tuple":
    case "expression_list":
    case "pattern_list":
    case "tuple_pattern":
    case "list_pattern": {
      const kind = n.type === "list" || n.type === "list_pattern" ? "list" : n.type === "set" ? "set" : "tuple";
      return { t: "seq", line: ln2, kind, items: named(n).map(expr) };
    }
    case "list_splat":
    case "list_splat_pattern":
      return { t: "starred", line: ln2, value: expr(named(n)[0] ?? null) };
    case "dictionary":
      return {
        t: "dict",
        line: ln2,
        entries: named(n).map(
          (c3) => c3.type === "pair" ? { key: expr(c3.childForFieldName("key")), value: expr(c3.childForFieldName("value")) } : { splat: expr(named(c3)[0] ?? null) }
        )
      };
    case "list_comprehension":
    case "set_comprehension":
    case "generator_expression":
      return comprehension(n, ln2);
    default:
      return { t: "unknown", line: ln2, why: n.type.replace(/_/g, " ") };
  }
}
function comprehension(n, ln2) {
  const kind = n.type === "list_comprehension" ? "list" : n.type === "set_comprehension" ? "set" : "tuple";
  const clauses = named(n).filter((c3) => c3.type === "for_in_clause");
  const target = clauses[0]?.childForFieldName("left");
  if (clauses.length !== 1 || target?.type !== "identifier") return { t: "unknown", line: ln2, why: "comprehension" };
  const conds = named(n).filter((c3) => c3.type === "if_clause").map((c3) => expr(named(c3)[0] ?? null));
  return { t: "comp", line: ln2, kind, elt: expr(n.childForFieldName("body")), target: target.text, iter: expr(clauses[0].childForFieldName("right")), conds };
}
function call(n, ln2) {
  const func2 = expr(n.childForFieldName("function"));
  const argsNode = n.childForFieldName("arguments");
  const args2 = [];
  const kwargs = [];
  let splat = false;
  if (argsNode?.type === "generator_expression") args2.push(expr(argsNode));
  else if (argsNode)
    for (const a of named(argsNode)) {
      if (a.type === "keyword_argument") kwargs.push({ name: a.childForFieldName("name")?.text ?? "", value: expr(a.childForFieldName("value")) });
      else if (a.type === "list_splat" || a.type === "dictionary_splat") splat = true;
      else args2.push(expr(a));
    }
  return { t: "call", line: ln2, func: func2, args: args2, kwargs, splat };
}
function stringExpr(nodes, ln2) {
  const parts2 = [];
  let bytes = false;
  for (const s of nodes) {
    if (s.type !== "string") return { t: "unknown", line: ln2, why: "string" };
    const start2 = s.child(0);
    const prefix = (start2?.text ?? "").replace(/['"]+$/, "").toLowerCase();
    if (prefix.includes("b")) bytes = true;
    const raw = prefix.includes("r");
    for (const c3 of s.namedChildren) {
      if (!c3) continue;
      if (c3.type === "string_content") parts2.push(raw ? c3.text : unescape(c3.text));
      else if (c3.type === "interpolation") parts2.push(expr(c3.childForFieldName("expression")));
    }
  }
  if (bytes) return { t: "unknown", line: ln2, why: "bytes literal" };
  if (parts2.every((p2) => typeof p2 === "string")) return { t: "const", line: ln2, value: parts2.join("") };
  return { t: "fstring", line: ln2, parts: parts2 };
}
var SIMPLE_ESCAPES = { n: "\n", t: "	", r: "\r", "\\": "\\", "'": "'", '"': '"', a: "\x07", b: "\b", f: "\f", v: "\v", "0": "\0", "\n": "" };
function unescape(text) {
  if (!text.includes("\\")) return text;
  let out2 = "";
  for (let i2 = 0; i2 < text.length; i2++) {
    const ch = text[i2];
    if (ch !== "\\" || i2 + 1 >= text.length) {
      out2 += ch;
      continue;
    }
    const next = text[i2 + 1];
    const width = next === "x" ? 2 : next === "u" ? 4 : next === "U" ? 8 : 0;
    if (width) {
      const hex = text.slice(i2 + 2, i2 + 2 + width);
      const code2 = /^[0-9a-fA-F]+$/.test(hex) && hex.length === width ? parseInt(hex, 16) : NaN;
      if (!Number.isNaN(code2) && code2 <= 1114111) {
        out2 += String.fromCodePoint(code2);
        i2 += 1 + width;
        continue;
      }
    }
    if (next in SIMPLE_ESCAPES) {
      out2 += SIMPLE_ESCAPES[next];
      i2++;
      continue;
    }
    out2 += ch;
  }
  return out2;
}

// src/settings/modules.ts
function dirname(path) {
  const i2 = path.lastIndexOf("/");
  return i2 < 0 ? "" : path.slice(0, i2);
}
function basename(path) {
  return path.slice(path.lastIndexOf("/") + 1);
}
var join = (dir, rest) => dir ? `${dir}/${rest}` : rest;
var ModuleIndex = class {
  constructor(files) {
    this.files = files;
    for (const path of files.paths) {
      if (!path.endsWith(".py")) continue;
      const parts2 = path.slice(0, -3).split("/");
      if (parts2[parts2.length - 1] === "__init__") parts2.pop();
      for (let i2 = 0; i2 < parts2.length; i2++) {
        const key = parts2.slice(i2).join(".");
        const list2 = this.bySuffix.get(key);
        if (list2) list2.push(path);
        else this.bySuffix.set(key, [path]);
      }
      for (const dir of parts2.slice(0, -1)) this.packageNames.add(dir);
    }
  }
  files;
  /** dotted suffix (`settings.base`) → paths that end with it */
  bySuffix = /* @__PURE__ */ new Map();
  packageNames = /* @__PURE__ */ new Set();
  parsed = /* @__PURE__ */ new Map();
  /** Paths that exist in the tree and were needed but not read yet. */
  wanted = /* @__PURE__ */ new Set();
  /** The path of the module named by a dotted name such as `config.settings.production`. */
  byDottedName(dotted) {
    const found = this.bySuffix.get(dotted);
    if (!found?.length) return void 0;
    return [...found].sort((a, b3) => a.length - b3.length)[0];
  }
  /** The dotted name of a module path, relative to the repository root. */
  static dottedName(path) {
    return path.replace(/\.py$/, "").replace(/\/__init__$/, "").split("/").join(".");
  }
  resolve(fromPath, level, module2) {
    let found;
    if (level > 0) {
      let dir = dirname(fromPath);
      for (let i2 = 1; i2 < level; i2++) dir = dirname(dir);
      const rel2 = module2 ? module2.split(".").join("/") : "";
      const candidates = rel2 ? [join(dir, `${rel2}.py`), join(dir, `${rel2}/__init__.py`)] : [join(dir, "__init__.py")];
      found = candidates.find((c3) => this.files.paths.has(c3));
      if (!found) return "missing";
    } else {
      found = this.byDottedName(module2);
      if (!found) return this.packageNames.has(module2.split(".")[0]) ? "missing" : "external";
    }
    if (this.files.read(found) === void 0) {
      this.wanted.add(found);
      return "external";
    }
    return found;
  }
  module(path) {
    if (!this.parsed.has(path)) {
      const text = this.files.read(path);
      this.parsed.set(path, text === void 0 ? null : parseModule(text));
    }
    return this.parsed.get(path) ?? void 0;
  }
};
function topLevelNames(body2) {
  const assigned = /* @__PURE__ */ new Set();
  const starImports = [];
  const visit = (stmts) => {
    for (const s of stmts) {
      if (s.t === "assign") for (const t2 of s.targets) collectTargets(t2, assigned);
      else if (s.t === "augassign" && s.target.t === "name") assigned.add(s.target.id);
      else if (s.t === "importfrom" && s.names === "*") starImports.push({ level: s.level, module: s.module });
      else if (s.t === "if") {
        for (const b3 of s.branches) visit(b3.body);
        if (s.orelse) visit(s.orelse);
      } else if (s.t === "try") {
        visit(s.body);
        for (const h3 of s.handlers) visit(h3.body);
        visit(s.orelse);
        visit(s.final);
      } else if (s.t === "with") visit(s.body);
    }
  };
  visit(body2);
  return { assigned, starImports };
}
function collectTargets(t2, out2) {
  if (t2.t === "name") out2.add(t2.id);
  else if (t2.t === "seq") for (const i2 of t2.items) collectTargets(i2, out2);
}

// src/settings/discovery.ts
var DEV_NAME = /^(dev|devel|development|local|locals|test|tests|testing|ci|debug|sandbox|example|sample|docker_dev|dev_.*|local_.*|test_.*|.*_dev|.*_local|.*_test|.*_tests|.*_testing|.*_ci)$/;
var PROD_NAME = /^(prod|production|live|deploy|deployment|staging|stage|heroku|prod_.*|production_.*|.*_prod|.*_production|.*_live|.*_staging)$/;
var TEST_DIRS = /* @__PURE__ */ new Set(["tests", "test", "testing", "testproject", "test_project", "docs", "examples", "example"]);
function referenceKind(path) {
  const name2 = basename(path).toLowerCase();
  if (name2 === "manage.py") return "manage";
  if (["pytest.ini", "tox.ini", "setup.cfg", "pyproject.toml", "conftest.py", "noxfile.py", ".coveragerc"].includes(name2)) return "test";
  if (path.startsWith(".github/workflows/") || path.startsWith(".gitlab-ci") || name2 === ".travis.yml") return "test";
  if (name2 === "wsgi.py" || name2 === "asgi.py" || name2 === "gunicorn.conf.py" || name2 === "celery.py") return "deploy";
  if (name2.startsWith("dockerfile") || name2.endsWith(".dockerfile") || name2.startsWith("procfile")) return "deploy";
  if (/^(docker-)?compose.*\.ya?ml$/.test(name2) || ["app.json", "render.yaml", "fly.toml", "app.yaml", "zappa_settings.json"].includes(name2)) return "deploy";
  if (/\.(ya?ml|env)$/.test(name2) && /(^|\/)(k8s|kubernetes|deploy|deployment|helm|charts|manifests|\.platform|\.ebextensions)\//.test(path)) return "deploy";
  if (name2 === ".env" || name2.startsWith(".env.")) return name2.includes("test") || name2.includes("local") || name2.includes("dev") ? "test" : "deploy";
  return void 0;
}
function isSettingsRelevant(path) {
  if (referenceKind(path)) return true;
  if (!path.endsWith(".py")) return false;
  return /settings|config|conf\//i.test(path);
}
var MODULE_RE = /[A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*/;
function findReferences(path, text) {
  const kind = referenceKind(path);
  if (!kind || !text.includes("DJANGO_SETTINGS_MODULE")) return [];
  const out2 = [];
  const lines = text.split("\n");
  for (let i2 = 0; i2 < lines.length; i2++) {
    const at2 = lines[i2].indexOf("DJANGO_SETTINGS_MODULE");
    if (at2 < 0) continue;
    let rest = lines[i2].slice(at2 + "DJANGO_SETTINGS_MODULE".length).replace(/^["'\s]*[,:=]?\s*/, "").replace(/^["']/, "");
    let line2 = i2 + 1;
    if (!rest.trim() && i2 + 1 < lines.length) {
      const next = lines[i2 + 1].trim();
      if (next.startsWith("value:")) {
        rest = next.slice(6).trim().replace(/^["']/, "");
        line2 = i2 + 2;
      }
    }
    const m2 = MODULE_RE.exec(rest.slice(0, 200));
    if (m2 && m2.index === 0 && m2[0].includes(".") === true) out2.push({ module: m2[0], path, line: line2, kind });
    else if (m2 && m2.index === 0 && /^[a-z_]\w*$/.test(m2[0]) && m2[0] !== "os") out2.push({ module: m2[0], path, line: line2, kind });
  }
  return out2;
}
function discover(files, candidatePaths = settingsCandidates(files)) {
  const index = new ModuleIndex(files);
  const modules = /* @__PURE__ */ new Map();
  const references = [];
  const starImports = /* @__PURE__ */ new Map();
  const candidates = /* @__PURE__ */ new Set();
  for (const path of files.paths) {
    if (!referenceKind(path)) continue;
    const text = files.read(path);
    if (text !== void 0) references.push(...findReferences(path, text));
  }
  for (const path of candidatePaths) {
    const parsed = index.module(path);
    if (!parsed) continue;
    const { assigned, starImports: stars } = topLevelNames(parsed.body);
    const known = [...assigned].filter((n) => SETTINGS_NAMES.has(n)).length;
    const settingsPath = /settings/i.test(path);
    const resolved = stars.map((s) => index.resolve(path, s.level, s.module)).filter((p2) => p2 !== "missing" && p2 !== "external");
    starImports.set(path, resolved);
    if (known >= 2 || known >= 1 && settingsPath) modules.set(path, { path, imports: [], importedBy: [] });
    else if (resolved.length) candidates.add(path);
  }
  let grew = true;
  while (grew) {
    grew = false;
    for (const path of candidates) {
      if ((starImports.get(path) ?? []).some((p2) => modules.has(p2))) {
        modules.set(path, { path, imports: [], importedBy: [] });
        candidates.delete(path);
        grew = true;
      }
    }
  }
  for (const m2 of modules.values()) {
    m2.imports = (starImports.get(m2.path) ?? []).filter((p2) => modules.has(p2));
    for (const p2 of m2.imports) modules.get(p2)?.importedBy.push(m2.path);
  }
  return { modules, entries: classify(modules, references, index), references, index };
}
function settingsCandidates(files) {
  const found = [];
  for (const path of files.paths) {
    if (!path.endsWith(".py")) continue;
    const text = files.read(path);
    if (text !== void 0 && (/settings/i.test(path) || mightBeSettings(text))) found.push(path);
  }
  return found;
}
function mightBeSettings(text) {
  return /\b(DEBUG|SECRET_KEY|MIDDLEWARE|INSTALLED_APPS|ALLOWED_HOSTS|DATABASES|ROOT_URLCONF)\b|import \*/.test(text);
}
function chainOf(path, modules) {
  const out2 = [];
  const visit = (p2) => {
    if (out2.includes(p2)) return;
    out2.push(p2);
    for (const i2 of modules.get(p2)?.imports ?? []) visit(i2);
  };
  visit(path);
  return out2;
}
function stem(path) {
  const name2 = basename(path).replace(/\.py$/, "");
  return name2 === "__init__" ? basename(path.slice(0, -"/__init__.py".length)) : name2;
}
function isDevByName(path) {
  const name2 = stem(path).toLowerCase();
  if (DEV_NAME.test(name2) || name2.startsWith("test") || name2.endsWith("_test") || name2.includes("local_settings")) return true;
  return path.split("/").slice(0, -1).some((dir) => TEST_DIRS.has(dir.toLowerCase()));
}
function classify(modules, references, index) {
  const refsTo = /* @__PURE__ */ new Map();
  for (const r2 of references) {
    const target = index.byDottedName(r2.module);
    if (!target || !modules.has(target)) continue;
    refsTo.set(target, [...refsTo.get(target) ?? [], r2]);
  }
  const verdict = /* @__PURE__ */ new Map();
  const onlySettings = modules.size === 1;
  for (const path of modules.keys()) {
    const refs = refsTo.get(path) ?? [];
    const deploy = refs.find((r2) => r2.kind === "deploy");
    const name2 = basename(path);
    if (deploy) verdict.set(path, { production: true, reason: `${deploy.path}:${deploy.line} sets DJANGO_SETTINGS_MODULE to it`, strong: true });
    else if (isDevByName(path)) verdict.set(path, { production: false, reason: `${name2} is named as a development or test module`, strong: true });
    else if (refs.some((r2) => r2.kind === "test")) {
      const t2 = refs.find((r2) => r2.kind === "test");
      verdict.set(path, { production: false, reason: `${t2.path}:${t2.line} uses it for tests`, strong: true });
    } else if (PROD_NAME.test(stem(path).toLowerCase())) verdict.set(path, { production: true, reason: `${name2} is named as a production module`, strong: true });
    else if (refs.some((r2) => r2.kind === "manage")) {
      const m2 = refs.find((r2) => r2.kind === "manage");
      verdict.set(path, { production: true, reason: `${m2.path}:${m2.line} sets DJANGO_SETTINGS_MODULE to it`, strong: false });
    } else if (onlySettings) verdict.set(path, { production: true, reason: `it is the project's only settings module`, strong: false });
    else verdict.set(path, { production: true, reason: "treated as production: nothing marks it as development-only", strong: false });
  }
  const entries = [];
  for (const [path, m2] of modules) {
    const v2 = verdict.get(path);
    const importedByProduction = m2.importedBy.some((p2) => verdict.get(p2)?.production);
    if (importedByProduction && !refsTo.get(path)?.some((r2) => r2.kind === "deploy")) continue;
    entries.push({ path, production: v2.production, reason: v2.reason, chain: chainOf(path, modules) });
  }
  return entries.sort((a, b3) => a.path.localeCompare(b3.path));
}

// src/sources/changeset.ts
var MapFileSet = class {
  constructor(contents, paths) {
    this.contents = contents;
    this.paths = new Set(paths ?? contents.keys());
    for (const p2 of contents.keys()) this.paths.add(p2);
  }
  contents;
  paths;
  read(path) {
    return this.contents.get(path);
  }
};

// src/sources/limits.ts
var MAX_FILE_BYTES = 1024 * 1024;
function isBinary(b3) {
  return b3.subarray(0, 8e3).includes(0);
}

// src/sources/git.ts
var CatFile = class {
  proc;
  buffer = Buffer.alloc(0);
  queue = [];
  failed;
  constructor(repo) {
    this.proc = spawn("git", ["cat-file", "--batch"], { cwd: repo, stdio: ["pipe", "pipe", "pipe"] });
    this.proc.stdout.on("data", (chunk) => {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
      this.drain();
    });
    this.proc.on("error", (e) => this.fail(e));
    this.proc.on("close", () => this.fail(new Error("git cat-file exited")));
  }
  fail(e) {
    this.failed ??= e;
    for (const q3 of this.queue.splice(0)) q3.reject(e);
  }
  drain() {
    while (this.queue.length) {
      const nl = this.buffer.indexOf(10);
      if (nl < 0) return;
      const header = this.buffer.subarray(0, nl).toString("utf8");
      if (header.endsWith(" missing") || header.endsWith(" ambiguous")) {
        this.buffer = this.buffer.subarray(nl + 1);
        this.queue.shift()?.resolve(void 0);
        continue;
      }
      const size = Number(header.slice(header.lastIndexOf(" ") + 1));
      if (this.buffer.length < nl + 1 + size + 1) return;
      const body2 = this.buffer.subarray(nl + 1, nl + 1 + size);
      this.buffer = this.buffer.subarray(nl + 1 + size + 1);
      this.queue.shift()?.resolve(Buffer.from(body2));
    }
  }
  /** Reads `<rev>:<path>` objects; undefined for a missing one. */
  read(specs) {
    if (this.failed) return Promise.reject(this.failed);
    const all = specs.map(
      (spec) => new Promise((resolve2, reject) => {
        this.queue.push({ resolve: resolve2, reject });
        void spec;
      })
    );
    this.proc.stdin.write(specs.map((s) => `${s}
`).join(""));
    return Promise.all(all);
  }
  close() {
    this.proc.stdin.end();
    this.proc.removeAllListeners("close");
  }
};
async function listTree(git, rev) {
  const out2 = await git.raw(["ls-tree", "-r", "-l", "-z", rev]);
  const entries = [];
  for (const rec of out2.split("\0")) {
    if (!rec) continue;
    const tab = rec.indexOf("	");
    const meta = rec.slice(0, tab).split(/ +/);
    if (meta[1] !== "blob") continue;
    entries.push({ path: rec.slice(tab + 1), size: Number(meta[3]) });
  }
  return entries;
}
function parseNameStatus(out2) {
  const parts2 = out2.split("\0");
  const files = [];
  for (let i2 = 0; i2 < parts2.length; ) {
    const status = parts2[i2++];
    if (!status) continue;
    const code2 = status[0];
    if (code2 === "R" || code2 === "C") {
      const oldPath = parts2[i2++];
      const path = parts2[i2++];
      files.push({ path, oldPath, status: code2 === "R" ? "renamed" : "copied", hunks: [] });
    } else {
      const path = parts2[i2++];
      const map = { A: "added", M: "modified", D: "deleted", T: "type-changed" };
      files.push({ path, status: map[code2] ?? "modified", hunks: [] });
    }
  }
  return files;
}
function parseUnifiedDiff(out2) {
  const hunks = /* @__PURE__ */ new Map();
  const binary2 = /* @__PURE__ */ new Set();
  let current;
  let minus;
  for (const line2 of out2.split("\n")) {
    if (line2.startsWith("diff --git ")) current = minus = void 0;
    else if (line2.startsWith("--- ")) {
      const p2 = line2.slice(4);
      minus = p2 === "/dev/null" ? void 0 : unquote(p2).replace(/^a\//, "");
    } else if (line2.startsWith("+++ ")) {
      const p2 = line2.slice(4);
      current = p2 === "/dev/null" ? minus : unquote(p2).replace(/^b\//, "");
    } else if (line2.startsWith("@@") && current !== void 0) {
      const h3 = parseHunkHeader(line2);
      if (h3) hunks.set(current, [...hunks.get(current) ?? [], h3]);
    } else if (line2.startsWith("Binary files ")) {
      const m2 = / and (.*) differ$/.exec(line2);
      if (m2) binary2.add(unquote(m2[1]).replace(/^b\//, ""));
    }
  }
  return { hunks, binary: binary2 };
}
async function resolveCommit(git, rev) {
  const sha = await git.raw(["rev-parse", "--verify", "--quiet", "--end-of-options", `${rev}^{commit}`]).catch(() => "");
  if (!/^[0-9a-f]{40,64}$/.test(sha.trim())) throw new UsageError(`unknown revision "${rev}" (not a commit in this repository; is it fetched?)`);
  return sha.trim();
}
async function openRepo(repo) {
  const git = wo({ baseDir: repo, binary: "git", maxConcurrentProcesses: 4 });
  try {
    await git.raw(["rev-parse", "--git-dir"]);
  } catch {
    throw new UsageError(`${repo}: not a git repository`);
  }
  return git;
}
var RevisionReader = class {
  constructor(rev, cat, notices, maxBytes, announce) {
    this.rev = rev;
    this.cat = cat;
    this.notices = notices;
    this.maxBytes = maxBytes;
    this.announce = announce;
  }
  rev;
  cat;
  notices;
  maxBytes;
  announce;
  contents = /* @__PURE__ */ new Map();
  sizes = /* @__PURE__ */ new Map();
  async load(paths) {
    const todo = paths.filter((p2) => !this.contents.has(p2) && this.sizes.has(p2));
    const small = todo.filter((p2) => {
      const size = this.sizes.get(p2) ?? 0;
      if (size <= this.maxBytes) return true;
      if (this.announce) this.notices.push({ path: p2, message: `skipped: ${size} bytes is over the ${this.maxBytes}-byte limit` });
      return false;
    });
    const blobs = await this.cat.read(small.map((p2) => `${this.rev}:${p2}`));
    small.forEach((p2, i2) => {
      const b3 = blobs[i2];
      if (!b3) return;
      if (isBinary(b3)) {
        if (this.announce && p2.endsWith(".py")) this.notices.push({ path: p2, message: "skipped: binary file" });
        return;
      }
      this.contents.set(p2, b3.toString("utf8"));
    });
  }
};
async function gitChangeSet(opts, want) {
  const git = await openRepo(opts.repo);
  const head = await resolveCommit(git, opts.head ?? "HEAD");
  const baseTip = await resolveCommit(git, opts.base);
  let mergeBase = opts.mergeBase ? await resolveCommit(git, opts.mergeBase) : "";
  if (!mergeBase) {
    mergeBase = (await git.raw(["merge-base", baseTip, head]).catch(() => "")).trim();
    if (!mergeBase) throw new UsageError(`${opts.base} and ${opts.head ?? "HEAD"} have no common ancestor (is the clone too shallow? fetch more history)`);
  }
  const notices = [];
  const [baseTree, headTree, nameStatus, patch] = await Promise.all([
    listTree(git, mergeBase),
    listTree(git, head),
    git.raw(["diff", "--name-status", "-z", "-M", "--no-ext-diff", mergeBase, head]),
    git.raw(["diff", "-U0", "-M", "--no-color", "--no-ext-diff", "--no-textconv", mergeBase, head])
  ]);
  const changes = parseNameStatus(nameStatus);
  const { hunks, binary: binary2 } = parseUnifiedDiff(patch);
  for (const c3 of changes) {
    c3.hunks = hunks.get(c3.path) ?? [];
    if (binary2.has(c3.path)) {
      c3.binary = true;
      notices.push({ path: c3.path, message: "skipped: binary file" });
    }
  }
  const cat = new CatFile(opts.repo);
  try {
    const max = opts.maxFileBytes ?? MAX_FILE_BYTES;
    const baseReader = new RevisionReader(mergeBase, cat, notices, max, false);
    const headReader = new RevisionReader(head, cat, notices, max, true);
    for (const e of baseTree) baseReader.sizes.set(e.path, e.size);
    for (const e of headTree) headReader.sizes.set(e.path, e.size);
    const changedHead = changes.filter((c3) => c3.status !== "deleted" && !c3.binary).map((c3) => c3.path);
    const changedBase = changes.filter((c3) => c3.status !== "added" && !c3.binary).map((c3) => c3.oldPath ?? c3.path);
    await Promise.all([
      baseReader.load([...changedBase, ...baseTree.map((e) => e.path).filter(isSettingsRelevant)]),
      headReader.load([...changedHead, ...headTree.map((e) => e.path).filter(isSettingsRelevant)])
    ]);
    const baseSet = new MapFileSet(baseReader.contents, baseReader.sizes.keys());
    const headSet = new MapFileSet(headReader.contents, headReader.sizes.keys());
    for (let round = 0; round < 4; round++) {
      const more = want(baseSet, headSet);
      const fresh = more.base.some((p2) => !baseReader.contents.has(p2)) || more.head.some((p2) => !headReader.contents.has(p2));
      if (!fresh) break;
      await Promise.all([baseReader.load(more.base), headReader.load(more.head)]);
    }
    return { base: baseSet, head: headSet, changes, notices };
  } finally {
    cat.close();
  }
}
async function gitRevisionFiles(repo, rev, load) {
  const git = await openRepo(repo);
  const commit = await resolveCommit(git, rev);
  const tree = await listTree(git, commit);
  const notices = [];
  const cat = new CatFile(repo);
  try {
    const reader = new RevisionReader(commit, cat, notices, MAX_FILE_BYTES, true);
    for (const e of tree) reader.sizes.set(e.path, e.size);
    await reader.load(load(tree.map((e) => e.path)));
    return { files: new MapFileSet(reader.contents, reader.sizes.keys()), notices };
  } finally {
    cat.close();
  }
}

// src/history.ts
async function* gitLines(stream) {
  stream.setEncoding("utf8");
  let rest = "";
  for await (const chunk of stream) {
    const parts2 = (rest + chunk).split("\n");
    rest = parts2.pop();
    for (const p2 of parts2) yield p2.endsWith("\r") ? p2.slice(0, -1) : p2;
  }
  if (rest) yield rest;
}
async function streamLog(repo, since, scanner) {
  const args2 = ["log", "-p", "--reverse", "-U0", "-M", "--no-color", "--no-ext-diff", "--no-textconv", `--format=${LOG_FORMAT}`, since ? `${since}..HEAD` : "HEAD", "--"];
  const proc = spawn2("git", args2, { cwd: repo, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  proc.stderr.on("data", (d2) => stderr += d2.toString());
  for await (const line2 of gitLines(proc.stdout)) scanner.line(line2);
  const code2 = await new Promise((resolve2) => proc.on("close", resolve2));
  if (code2 !== 0) throw new UsageError(`git log failed: ${stderr.trim().split("\n")[0] || `exit ${code2}`}`);
}
async function historyScan(repo, since, config) {
  const git = wo(repo);
  try {
    await git.raw(["rev-parse", "--git-dir"]);
  } catch {
    throw new UsageError(`${repo}: not a git repository`);
  }
  const head = (await git.raw(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]).catch(() => "")).trim();
  if (!head) throw new UsageError(`${repo}: the repository has no commits`);
  if (since) {
    const ok = (await git.raw(["rev-parse", "--verify", "--quiet", "--end-of-options", `${since}^{commit}`]).catch(() => "")).trim();
    if (!ok) throw new UsageError(`unknown revision "${since}" (not a commit in this repository; is it fetched?)`);
  }
  const shallow = (await git.raw(["rev-parse", "--is-shallow-repository"]).catch(() => "false")).trim() === "true";
  const scanner = new HistoryScanner();
  await streamLog(repo, since, scanner);
  const secrets = scanner.results();
  const inHead = await stillInHead(repo, head, secrets);
  const ignored = config.ignorePaths.map(globToRegExp);
  const findings = [];
  const stillInHeadPrints = /* @__PURE__ */ new Set();
  const override = config.rules["hardcoded-credential"];
  for (const s of override === "off" ? [] : secrets) {
    if (ignored.some((re2) => re2.test(s.first.path))) continue;
    const where = inHead.get(identity(s));
    const fingerprint2 = createHash("sha256").update(`hardcoded-credential\0history\0${identity(s)}`).digest("hex").slice(0, 32);
    if (where) stillInHeadPrints.add(fingerprint2);
    const shown = s.hit.kind === "private-key" ? "A private key block" : `${s.hit.label[0].toUpperCase()}${s.hit.label.slice(1)} (${mask(s.hit.value)})`;
    const when = `${s.first.commit.slice(0, 12)} (${s.first.date.slice(0, 10)}, ${s.first.author})`;
    const low = TEST_PATH.test(s.first.path) || s.hit.testKey;
    findings.push({
      ruleId: "hardcoded-credential",
      severity: severityFor(config, "hardcoded-credential", low ? "low" : "high"),
      path: s.first.path,
      line: s.first.line,
      endLine: s.first.line,
      message: `${shown} was committed in ${when} to ${s.first.path}:${s.first.line}${where ? `, and HEAD still holds it in ${where.join(", ")}` : ", and was removed later, but it stays in the history"}. It must be rotated: deleting it does not revoke it.`,
      fix: { description: "Rotate (revoke and replace) the credential, then move it to the environment or a secret store; rewriting history does not help once it was pushed." },
      fingerprint: fingerprint2,
      affected: [],
      notes: [`Seen ${s.occurrences} time${s.occurrences === 1 ? "" : "s"} in ${[...s.paths].join(", ")}.`]
    });
  }
  findings.sort((a, b3) => a.path.localeCompare(b3.path) || a.line - b3.line);
  const notices = [];
  if (shallow) notices.push({ message: "the clone is shallow: commits before its boundary were not scanned (fetch with fetch-depth: 0 for the whole history)" });
  const redact = makeRedactor(secrets.flatMap((s) => s.hit.distinct ? [s.hit.value, s.hit.distinct] : [s.hit.value]));
  return { findings: findings.map((f3) => redactFinding(f3, redact)), stillInHead: stillInHeadPrints, notices, commits: scanner.commits, redact };
}
function identity(s) {
  return s.hit.distinct ?? s.hit.value;
}
async function stillInHead(repo, head, secrets) {
  const paths = [...new Set(secrets.flatMap((s) => [...s.paths]))];
  const out2 = /* @__PURE__ */ new Map();
  if (!paths.length) return out2;
  const cat = new CatFile(repo);
  try {
    const blobs = await cat.read(paths.map((p2) => `${head}:${p2}`));
    const text = new Map(paths.map((p2, i2) => [p2, blobs[i2] && !isBinary(blobs[i2]) ? blobs[i2].toString("utf8") : void 0]));
    for (const s of secrets) {
      const where = [...s.paths].filter((p2) => text.get(p2)?.includes(identity(s)));
      if (where.length) out2.set(identity(s), where);
    }
  } finally {
    cat.close();
  }
  return out2;
}

// src/review.ts
import { createHash as createHash2 } from "node:crypto";

// src/lines.ts
function lineAt(text, n) {
  if (n < 1) return void 0;
  let start2 = 0;
  for (let i2 = 1; i2 < n; i2++) {
    const nl2 = text.indexOf("\n", start2);
    if (nl2 < 0) return void 0;
    start2 = nl2 + 1;
  }
  const nl = text.indexOf("\n", start2);
  if (nl < 0) return text.slice(start2);
  return text.slice(start2, text[nl - 1] === "\r" && nl > start2 ? nl - 1 : nl);
}

// src/files/classify.ts
var PRODUCTION = { kind: "production", why: "production code or configuration" };
var TEST_DIRS2 = /* @__PURE__ */ new Set(["tests", "test", "testing", "unittests", "unittest", "functional_tests", "integration_tests", "e2e", "fixtures", "testdata", "test_data", "testfiles", "spec", "specs", "__tests__", "cassettes", "vcr_cassettes", "__snapshots__", "testproject", "test_project", "testapp", "test_app"]);
var TEST_FILES = /* @__PURE__ */ new Set(["tests.py", "test.py", "conftest.py", "pytest.ini", "tox.ini", "noxfile.py", ".coveragerc", "setup.cfg", "codecov.yml", ".codecov.yml"]);
var CI_DIRS = /* @__PURE__ */ new Set([".circleci", ".buildkite", ".woodpecker", ".semaphore"]);
var CI_FILES = /* @__PURE__ */ new Set([".gitlab-ci.yml", ".travis.yml", "azure-pipelines.yml", "jenkinsfile", ".drone.yml", "bitbucket-pipelines.yml", "appveyor.yml", ".pre-commit-config.yaml", "cloudbuild.yaml", "cloudbuild.yml", "codeship-services.yml", "wercker.yml", "renovate.json", ".mergify.yml"]);
var DEV_DIRS = /* @__PURE__ */ new Set([".devcontainer", ".vscode", ".idea", "dev", "devel", "development", "local"]);
var VENDOR_DIRS = /* @__PURE__ */ new Set(["vendor", "vendors", "vendored", "third_party", "thirdparty", "third-party", "3rdparty", "node_modules", "bower_components", "site-packages", "dist-packages", "venv", ".venv", "virtualenv", ".tox", ".nox", "htmlcov", "_build", ".eggs", "staticfiles", "static_root", "collected_static", "jspm_packages"]);
var STATIC_LIBRARY_DIRS = /* @__PURE__ */ new Set(["vendor", "vendors", "lib", "libs", "plugins", "external", "bower_components", "node_modules"]);
var DOCS_DIRS = /* @__PURE__ */ new Set(["docs", "doc", "documentation", "man"]);
var TEMPLATE_DIRS = /* @__PURE__ */ new Set(["examples", "example", "samples", "sample", "demo", "demos", "templates_examples", "skeleton", "boilerplate"]);
var DOC_EXTENSIONS = /* @__PURE__ */ new Set(["md", "rst", "adoc", "ipynb", "tex", "mdx"]);
var TEMPLATE_SUFFIXES2 = [".example", ".sample", ".template", ".tmpl", ".dist", ".defaults", ".default", ".skel"];
var DEV_NAME_WORDS = ["dev", "development", "local", "test", "tests", "testing", "ci", "debug", "override"];
function extension2(name2) {
  const dot = name2.lastIndexOf(".");
  return dot < 0 ? "" : name2.slice(dot + 1);
}
var isComposeName = (name2) => /^(docker-)?compose([._-].*)?\.ya?ml$/.test(name2);
function isTestFile(name2) {
  if (TEST_FILES.has(name2)) return true;
  if (name2.startsWith("test_") || name2.startsWith("tests_")) return true;
  if (/_tests?\.py$/.test(name2)) return true;
  return /\.(spec|test)\.[a-z0-9]+$/.test(name2);
}
function devDeployName(name2) {
  const lower2 = name2.toLowerCase();
  const words = lower2.split(/[._-]+/).filter(Boolean);
  const deployish = isComposeName(lower2) || lower2.startsWith("dockerfile") || lower2.endsWith(".dockerfile") || lower2 === ".env" || lower2.startsWith(".env.") || lower2.endsWith(".env") || lower2.startsWith("procfile");
  return deployish && words.slice(1).some((w2) => DEV_NAME_WORDS.includes(w2));
}
function classifyFile(path) {
  const parts2 = path.split("/");
  const name2 = (parts2[parts2.length - 1] ?? "").toLowerCase();
  const dirs = parts2.slice(0, -1).map((d2) => d2.toLowerCase());
  for (let i2 = 0; i2 < dirs.length; i2++) {
    const d2 = dirs[i2];
    const where = `${parts2.slice(0, i2 + 1).join("/")}/`;
    if (VENDOR_DIRS.has(d2) || /^(lib|lib64)$/.test(d2) && dirs[i2 + 1]?.startsWith("python")) return { kind: "vendored", why: `it is vendored or generated code (${where})` };
    if (d2 === "static" && dirs.slice(i2 + 1).some((x3) => STATIC_LIBRARY_DIRS.has(x3))) return { kind: "vendored", why: `it is a vendored static library (${where})` };
  }
  if (/\.min\.(js|css)(\.map)?$/.test(name2) || name2.endsWith(".js.map") || name2.endsWith("-min.js")) return { kind: "vendored", why: "it is a minified bundle" };
  if (dirs[0] === ".github" || dirs.some((d2) => CI_DIRS.has(d2)) || CI_FILES.has(name2)) return { kind: "ci", why: "it is a CI configuration file" };
  for (let i2 = 0; i2 < dirs.length; i2++)
    if (TEST_DIRS2.has(dirs[i2]) || dirs[i2].endsWith("_tests") || dirs[i2].startsWith("test_")) return { kind: "test", why: `it is in test code (${parts2.slice(0, i2 + 1).join("/")}/)` };
  if (isTestFile(name2)) return { kind: "test", why: `it is test code (${parts2[parts2.length - 1]})` };
  if (dirs.some((d2) => DEV_DIRS.has(d2))) return { kind: "development", why: `it is in a development-only folder (${parts2.slice(0, dirs.findIndex((d2) => DEV_DIRS.has(d2)) + 1).join("/")}/)` };
  if (devDeployName(name2)) return { kind: "development", why: `${parts2[parts2.length - 1]} is named for development or tests` };
  if (dirs.some((d2) => DOCS_DIRS.has(d2)) || DOC_EXTENSIONS.has(extension2(name2)) || name2 === "readme" || name2 === "changelog") return { kind: "docs", why: "it is documentation" };
  if (TEMPLATE_SUFFIXES2.some((s) => name2.endsWith(s)) || /(^|[._-])(example|sample|template)([._-]|$)/.test(name2)) return { kind: "template", why: `${parts2[parts2.length - 1]} is a template or example meant to be copied` };
  if (dirs.some((d2) => TEMPLATE_DIRS.has(d2))) return { kind: "template", why: "it is in example code" };
  return PRODUCTION;
}

// src/files/set-aside.ts
var KIND_WORDS = {
  test: "test code and fixtures",
  ci: "CI configuration",
  development: "development-only files and settings",
  template: "templates and examples",
  docs: "documentation",
  vendored: "vendored or generated files"
};
var settingAside = (f3) => f3.fileClass !== void 0 && f3.fileClass.kind !== "production" && f3.severity === "low";
function setAside(findings, includeTests) {
  if (includeTests) return { findings, notices: [] };
  const kept = [];
  const counts = /* @__PURE__ */ new Map();
  for (const f3 of findings) {
    if (!settingAside(f3)) {
      kept.push(f3);
      continue;
    }
    const words = KIND_WORDS[f3.fileClass?.kind];
    counts.set(words, (counts.get(words) ?? 0) + 1);
  }
  const total = findings.length - kept.length;
  if (!total) return { findings: kept, notices: [] };
  const parts2 = [...counts].sort((a, b3) => b3[1] - a[1]).map(([words, n]) => `${n} in ${words}`);
  return { findings: kept, notices: [{ message: `${total} finding${total === 1 ? "" : "s"} in files production does not run set aside (${parts2.join(", ")}); --include-tests lists them` }] };
}

// src/settings/changes.ts
var TRACKED_SETTINGS = [...Object.keys(DJANGO_DEFAULTS), "CORS_ALLOW_ALL_ORIGINS", "CORS_ORIGIN_ALLOW_ALL", "CORS_ALLOWED_ORIGINS", "CORS_ALLOW_CREDENTIALS", "SESSION_ENGINE", "SESSION_SERIALIZER", "PASSWORD_HASHERS"];
function source(s, view) {
  const b3 = s.binding;
  if (!b3) return "Django's default";
  const read = b3.env.find((r2) => r2.defaultText !== void 0) ?? b3.env[0];
  const where = `${b3.loc.path}:${b3.loc.line}${b3.loc.path !== view.path ? ` (imported by ${view.path})` : ""}`;
  if (read) return `${where}, ${read.via}("${read.name}")${read.defaultText !== void 0 ? ` with default ${read.defaultText}` : ", required"}`;
  return where;
}
function settingChanges(pairs) {
  const out2 = [];
  for (const [head, base] of pairs) {
    for (const name2 of TRACKED_SETTINGS) {
      const after = head.get(name2);
      const before = base?.get(name2);
      const a = show(after.value, 120);
      const b3 = before ? show(before.value, 120) : "(new module)";
      if (a === b3) continue;
      if (after.value.kind === "unknown" && before?.value.kind === "unknown") continue;
      out2.push({ module: head.path, setting: name2, before: b3, after: a, source: source(after, head) });
    }
  }
  return out2;
}

// src/python/evaluate.ts
var EXCEPTION_PARENTS = {
  ImportError: ["ImportError", "ModuleNotFoundError", "Exception", "BaseException"],
  KeyError: ["KeyError", "LookupError", "Exception", "BaseException"],
  ValueError: ["ValueError", "Exception", "BaseException"],
  ImproperlyConfigured: ["ImproperlyConfigured", "Exception", "BaseException"],
  UndefinedValueError: ["UndefinedValueError", "Exception", "BaseException"]
};
function exceptionOf(why) {
  const name2 = why.split(":")[0];
  return name2 in EXCEPTION_PARENTS ? name2 : "ValueError";
}
function catches(types, exception) {
  if (types.length === 0) return true;
  const parents = EXCEPTION_PARENTS[exception] ?? ["Exception", "BaseException"];
  return types.some((t2) => parents.includes(t2));
}
var WorldEvaluator = class {
  constructor(loader, world) {
    this.loader = loader;
    this.world = world;
  }
  loader;
  world;
  cache = /* @__PURE__ */ new Map();
  evaluate(path) {
    const cached = this.cache.get(path);
    if (cached === "pending") return void 0;
    if (cached) return cached;
    const parsed = this.loader.module(path);
    if (!parsed) return void 0;
    this.cache.set(path, "pending");
    const run2 = new ModuleRun(this, this.loader, path, parsed, this.world);
    const result = run2.execute();
    this.cache.set(path, result);
    return result;
  }
};
var ModuleRun = class {
  constructor(evaluator, loader, path, parsed, world) {
    this.evaluator = evaluator;
    this.loader = loader;
    this.path = path;
    this.parsed = parsed;
    this.world = world;
  }
  evaluator;
  loader;
  path;
  parsed;
  world;
  notices = [];
  starImports = [];
  execute() {
    const frame2 = { ns: { bindings: /* @__PURE__ */ new Map() }, reads: [] };
    if (this.parsed.errorLines.length)
      this.notices.push(`${this.path}:${this.parsed.errorLines[0]}: syntax error; the rest of the file was read as far as possible`);
    const signal = this.block(this.parsed.body, frame2);
    if (signal) this.notices.push(`${this.path}: importing this module may fail (${signal.why})`);
    return { path: this.path, ns: frame2.ns, starImports: this.starImports, notices: this.notices };
  }
  // ---------------------------------------------------------------- statements
  /** Inside a try body a raise jumps to the handler; elsewhere it is noted and evaluation goes on. */
  tryDepth = 0;
  block(stmts, frame2) {
    for (const s of stmts) {
      const signal = this.statement(s, frame2);
      if (!signal) continue;
      if (this.tryDepth > 0) return signal;
      if (this.world === 0) this.notices.push(`${this.path}:${s.line}: this line would fail at import time (${signal.why})`);
    }
    return null;
  }
  loc(s) {
    return { path: this.path, line: s.line, endLine: s.endLine };
  }
  /** The raw source line (indentation kept, so a fix can replace it). */
  text(line2) {
    return this.parsed.lines[line2 - 1] ?? "";
  }
  statement(s, frame2) {
    frame2.reads = [];
    {
      switch (s.t) {
        case "assign": {
          const value = this.expr(s.value, frame2);
          if (value.kind === "fails" && this.tryDepth > 0) return { raise: exceptionOf(value.why), why: value.why };
          for (const target of s.targets) this.assign(target, value, s, frame2);
          return null;
        }
        case "augassign":
          return this.augassign(s, frame2);
        case "expr":
          return this.exprStatement(s.expr, s, frame2);
        case "if":
          return this.ifStatement(s, frame2);
        case "try":
          return this.tryStatement(s, frame2);
        case "importfrom":
          return this.importFrom(s, frame2);
        case "import":
          for (const n of s.names) {
            const local = n.as ?? n.dotted.split(".")[0];
            const qname = n.as ? n.dotted : n.dotted.split(".")[0];
            this.bind(frame2, local, { kind: "ext", qname }, s);
          }
          return null;
        case "loop":
          this.loopStatement(s, frame2);
          return null;
        case "with":
          return this.block(s.body, frame2);
        case "def":
          if (s.name) this.bind(frame2, s.name, unknown(`defined by a def or class at line ${s.line}`), s);
          return null;
        case "unreadable":
          for (const name2 of s.names) this.bind(frame2, name2, unknown(`${this.path}:${s.line}-${s.endLine} could not be parsed`), s);
          return null;
        case "del":
          for (const target of s.targets) {
            if (target.t === "name") frame2.ns.bindings.delete(target.id);
            else {
              const root = rootName(target);
              if (root) this.mutate(frame2, root, () => unknown(`changed by del at line ${s.line}`), s);
            }
          }
          return null;
        default:
          return null;
      }
    }
  }
  bind(frame2, name2, value, s) {
    const loc = this.loc(s);
    frame2.ns.bindings.set(name2, { value, loc, history: [loc], env: dedupeReads(frame2.reads), text: this.text(s.line) });
  }
  /** Replaces a binding's value by a changed one, keeping its history. */
  mutate(frame2, name2, change, s) {
    const old = frame2.ns.bindings.get(name2);
    const loc = this.loc(s);
    if (!old) {
      frame2.ns.bindings.set(name2, { value: unknown(`${name2} is changed at ${this.path}:${s.line} before it is defined`), loc, history: [loc], env: [], text: this.text(s.line) });
      return;
    }
    frame2.ns.bindings.set(name2, {
      value: change(old.value),
      loc,
      history: [...old.history, loc],
      env: dedupeReads([...old.env, ...frame2.reads]),
      text: this.text(s.line)
    });
  }
  assign(target, value, s, frame2) {
    if (target.t === "name") {
      this.bind(frame2, target.id, withLocs(value, this.loc(s)), s);
      return;
    }
    if (target.t === "seq") {
      const items = value.kind === "seq" && !value.open && value.items.length === target.items.length ? value.items : null;
      target.items.forEach((t2, i2) => this.assign(t2, items ? items[i2].value : unknown(`unpacked at line ${s.line}`), s, frame2));
      return;
    }
    if (target.t === "subscript") {
      const path = subscriptPath(target, (e) => this.expr(e, frame2));
      if (!path) {
        if (writesNamespace(target)) this.markDynamic(frame2, s);
        return;
      }
      this.mutate(frame2, path.root, (old) => setPath(old, path.keys, withLocs(value, this.loc(s))), s);
    }
  }
  augassign(s, frame2) {
    const rhs = this.expr(s.value, frame2);
    if (rhs.kind === "fails") return { raise: exceptionOf(rhs.why), why: rhs.why };
    if (s.target.t === "name") {
      const name2 = s.target.id;
      const op = s.op;
      this.mutate(frame2, name2, (old) => op === "+" && old.kind === "seq" && old.type === "list" ? extend(old, withLocs(rhs, this.loc(s))) : this.binop(op, old, withLocs(rhs, this.loc(s))), s);
    } else if (s.target.t === "subscript") {
      const path = subscriptPath(s.target, (e) => this.expr(e, frame2));
      if (path) this.mutate(frame2, path.root, (old) => setPath(old, path.keys, this.binop(s.op, getPath(old, path.keys), withLocs(rhs, this.loc(s)))), s);
      else if (writesNamespace(s.target)) this.markDynamic(frame2, s);
    }
    return null;
  }
  exprStatement(e, s, frame2) {
    if (e.t !== "call") {
      const v3 = this.expr(e, frame2);
      return v3.kind === "fails" ? { raise: exceptionOf(v3.why), why: v3.why } : null;
    }
    const func2 = e.func;
    if (isDynamicCall(e)) {
      this.markDynamic(frame2, s);
      return null;
    }
    if (func2.t === "name" && func2.id === "include") {
      this.notices.push(`${this.path}:${s.line}: django-split-settings include() is not followed; settings it loads are unknown`);
      this.markDynamic(frame2, s);
      return null;
    }
    if (func2.t === "attr") {
      const root = rootName(func2.obj);
      const method = func2.attr;
      if (root && MUTATING_METHODS.has(method)) {
        const target = frame2.ns.bindings.get(root);
        if (target && target.value.kind !== "ext" && target.value.kind !== "envReader" && target.value.kind !== "module") {
          const args2 = e.args.map((a) => withLocs(this.expr(a, frame2), this.loc(s)));
          const kwargs = e.kwargs.map((k2) => ({ name: k2.name, value: this.expr(k2.value, frame2) }));
          const keys = func2.obj.t === "name" ? [] : subscriptPath(func2.obj, (x3) => this.expr(x3, frame2))?.keys;
          if (!keys) {
            this.mutate(frame2, root, () => unknown(`changed by .${method}() at line ${s.line}`), s);
            return null;
          }
          let raised = null;
          this.mutate(
            frame2,
            root,
            (old) => setPath(old, keys, (() => {
              const next = callMethodMutating(getPath(old, keys), method, args2, kwargs, s.line);
              if (next.kind === "fails") raised = next.why;
              return next;
            })()),
            s
          );
          if (raised) return { raise: exceptionOf(raised), why: raised };
          return null;
        }
      }
    }
    const v2 = this.expr(e, frame2);
    return v2.kind === "fails" ? { raise: exceptionOf(v2.why), why: v2.why } : null;
  }
  markDynamic(frame2, s) {
    const loc = this.loc(s);
    frame2.ns.dynamic = loc;
    for (const [name2, b3] of frame2.ns.bindings) frame2.ns.bindings.set(name2, { ...b3, value: unknown(`may be replaced by the dynamic code at ${loc.path}:${loc.line}`) });
  }
  ifStatement(s, frame2) {
    for (let i2 = 0; i2 < s.branches.length; i2++) {
      const branch = s.branches[i2];
      frame2.reads = [];
      const cond = truthy(this.expr(branch.cond, frame2));
      if (cond === true) return this.block(branch.body, frame2);
      if (cond === void 0) {
        const why = `depends on the condition at ${this.path}:${branch.cond.line}`;
        const taken = cloneFrame(frame2);
        const takenSignal = this.block(branch.body, taken);
        const rest = { ...s, branches: s.branches.slice(i2 + 1) };
        const other = cloneFrame(frame2);
        const otherSignal = rest.branches.length ? this.ifStatement(rest, other) : s.orelse ? this.block(s.orelse, other) : null;
        mergeInto(frame2, [taken, other], why);
        return takenSignal && otherSignal ? takenSignal : null;
      }
    }
    return s.orelse ? this.block(s.orelse, frame2) : null;
  }
  tryStatement(s, frame2) {
    this.tryDepth++;
    const signal = this.block(s.body, frame2);
    this.tryDepth--;
    if (signal) {
      const handler = s.handlers.find((h3) => catches(h3.types, signal.raise));
      if (!handler) return signal;
      const sig = this.block(handler.body, frame2);
      return sig ?? this.block(s.final, frame2);
    }
    return this.block(s.orelse, frame2) ?? this.block(s.final, frame2);
  }
  importFrom(s, frame2) {
    const target = this.loader.resolve(this.path, s.level, s.module);
    if (target === "missing") return { raise: "ImportError", why: `ImportError: ${".".repeat(s.level)}${s.module} is not in the repository` };
    if (target === "external") {
      if (s.names === "*") {
        this.notices.push(`${this.path}:${s.line}: names from ${s.module} (outside the analysed files) are unknown`);
        if (s.module !== "django.conf.global_settings") this.markDynamic(frame2, s);
        return null;
      }
      for (const n of s.names) this.bind(frame2, n.as, { kind: "ext", qname: s.module ? `${s.module}.${n.name}` : n.name }, s);
      return null;
    }
    const result = this.evaluator.evaluate(target);
    if (!result) {
      this.notices.push(`${this.path}:${s.line}: circular import of ${target} was not followed`);
      return null;
    }
    if (s.names === "*") {
      this.starImports.push(target);
      for (const [name2, b3] of result.ns.bindings) if (!name2.startsWith("_")) frame2.ns.bindings.set(name2, b3);
      if (result.ns.dynamic) frame2.ns.dynamic = result.ns.dynamic;
      return null;
    }
    for (const n of s.names) {
      const b3 = result.ns.bindings.get(n.name);
      if (b3) frame2.ns.bindings.set(n.as, b3);
      else {
        const sub = this.loader.resolve(this.path, s.level, s.module ? `${s.module}.${n.name}` : n.name);
        if (sub !== "missing" && sub !== "external") this.bind(frame2, n.as, { kind: "module", path: sub }, s);
        else return { raise: "ImportError", why: `ImportError: cannot import name ${n.name} from ${target}` };
      }
    }
    return null;
  }
  loopStatement(s, frame2) {
    if ([...s.body, ...s.orelse].some(hasDynamicCode)) {
      this.markDynamic(frame2, s);
      return;
    }
    for (const st2 of [...s.body, ...s.orelse]) {
      for (const [name2, how] of changedNames(st2)) {
        const b3 = frame2.ns.bindings.get(name2);
        const growOnly = how === "grow" && b3?.value.kind === "seq";
        this.mutate(frame2, name2, (old) => growOnly && old.kind === "seq" ? { ...old, open: true } : unknown(`changed in the loop at ${this.path}:${s.line}`), s);
      }
    }
  }
  // ---------------------------------------------------------------- expressions
  expr(e, frame2) {
    switch (e.t) {
      case "const":
        if (e.value === null) return NONE;
        if (typeof e.value === "boolean") return bool(e.value);
        if (typeof e.value === "number") return e.isFloat ? { kind: "float", value: e.value } : int(e.value);
        return str(e.value);
      case "fstring": {
        let out2 = "";
        for (const p2 of e.parts) {
          if (typeof p2 === "string") out2 += p2;
          else {
            const v2 = this.expr(p2, frame2);
            const s = toStr(v2);
            if (s === void 0) return unknown(`f-string at line ${e.line}`);
            out2 += s;
          }
        }
        return str(out2);
      }
      case "name":
        return this.lookup(e.id, frame2, e.line);
      case "attr":
        return this.attribute(this.expr(e.obj, frame2), e.attr, frame2);
      case "call":
        return this.call(e, frame2);
      case "subscript": {
        const obj = this.expr(e.obj, frame2);
        if (obj.kind === "ext" && obj.qname === "os.environ") {
          const name2 = this.expr(e.index, frame2);
          if (name2.kind !== "str") return unknown("os.environ[...] with a computed name");
          return this.readEnv(name2.value, "os.environ[]", void 0, e.line, frame2, (s) => str(s));
        }
        return subscript(obj, this.expr(e.index, frame2));
      }
      case "binop":
        return this.binop(e.op, this.expr(e.left, frame2), this.expr(e.right, frame2));
      case "unary": {
        const v2 = this.expr(e.arg, frame2);
        if (e.op === "not") return mapOptions(v2, (o2) => {
          const t2 = truthy(o2);
          return t2 === void 0 ? unknown("not of an unknown value") : bool(!t2);
        });
        return mapOptions(v2, (o2) => {
          const n = numeric(o2);
          if (n === void 0) return unknown("unary operator");
          return e.op === "-" ? o2.kind === "float" ? { kind: "float", value: -n } : int(-n) : e.op === "+" ? int(n) : e.op === "~" ? int(~n) : unknown("unary");
        });
      }
      case "boolop": {
        const left = this.expr(e.left, frame2);
        const t2 = truthy(left);
        if (t2 === void 0) {
          const right = this.expr(e.right, frame2);
          return oneOf([left, right], `${e.op} at line ${e.line}`);
        }
        if (e.op === "and") return t2 ? this.expr(e.right, frame2) : left;
        return t2 ? left : this.expr(e.right, frame2);
      }
      case "compare":
        return this.compare(e, frame2);
      case "ifexp": {
        const t2 = truthy(this.expr(e.cond, frame2));
        if (t2 === true) return this.expr(e.then, frame2);
        if (t2 === false) return this.expr(e.else, frame2);
        return oneOf([this.expr(e.then, frame2), this.expr(e.else, frame2)], `depends on the condition at ${this.path}:${e.line}`);
      }
      case "seq": {
        const items = [];
        let open = false;
        for (const it2 of e.items) {
          if (it2.t === "starred") {
            const v2 = this.expr(it2.value, frame2);
            if (v2.kind === "seq") {
              items.push(...v2.items);
              open ||= v2.open;
            } else open = true;
          } else items.push({ value: this.expr(it2, frame2), loc: { path: this.path, line: it2.line, endLine: it2.line } });
        }
        return { kind: "seq", type: e.kind, items, open };
      }
      case "starred":
        return unknown("starred expression");
      case "dict": {
        let entries = [];
        let open = false;
        for (const en2 of e.entries) {
          if ("splat" in en2) {
            const v2 = this.expr(en2.splat, frame2);
            if (v2.kind === "dict") {
              for (const x3 of v2.entries) entries = [...entries.filter((y2) => y2.key !== x3.key), x3];
              open ||= v2.open;
            } else open = true;
            continue;
          }
          const k2 = this.expr(en2.key, frame2);
          if (k2.kind !== "str") {
            open = true;
            continue;
          }
          entries = [...entries.filter((y2) => y2.key !== k2.value), { key: k2.value, value: this.expr(en2.value, frame2), loc: { path: this.path, line: en2.value.line, endLine: en2.value.line } }];
        }
        return { kind: "dict", entries, open };
      }
      case "comp":
        return this.comprehension(e, frame2);
      case "unknown":
        return unknown(`${e.why} at line ${e.line}`);
    }
  }
  lookup(id, frame2, line2) {
    const b3 = frame2.ns.bindings.get(id);
    if (b3) {
      frame2.reads.push(...b3.env);
      return b3.value;
    }
    if (id in BUILTINS) return { kind: "ext", qname: `builtins.${id}` };
    if (id === "__file__") return unknown("__file__");
    return unknown(`name ${id} is not defined at ${this.path}:${line2}`);
  }
  attribute(obj, attr, frame2) {
    if (obj.kind === "ext") return { kind: "ext", qname: `${obj.qname}.${attr}` };
    if (obj.kind === "module") {
      const result = this.evaluator.evaluate(obj.path);
      const b3 = result?.ns.bindings.get(attr);
      if (b3) {
        frame2.reads.push(...b3.env);
        return b3.value;
      }
      return unknown(`${attr} of ${obj.path}`);
    }
    return unknown(`attribute ${attr}`);
  }
  readEnv(name2, via, defaultValue, line2, frame2, cast, defaultText) {
    frame2.reads.push({ name: name2, via, defaultText, line: line2, path: this.path });
    const probe = WORLDS[this.world];
    if (probe === null) {
      if (defaultValue !== void 0) return defaultValue;
      return unknown(`the value of the environment variable ${name2}`);
    }
    return cast(probe);
  }
  call(e, frame2) {
    if (e.splat) return unknown(`call with *args/**kwargs at line ${e.line}`);
    if (e.func.t === "attr") {
      const obj = this.expr(e.func.obj, frame2);
      const method = e.func.attr;
      if (obj.kind === "envReader") return this.environCall(obj, method, e, frame2);
      if (obj.kind !== "ext" && obj.kind !== "module") {
        const args2 = e.args.map((a) => this.expr(a, frame2));
        return mapOptions(obj, (o2) => valueMethod(o2, method, args2));
      }
    }
    const func2 = this.expr(e.func, frame2);
    if (func2.kind === "envReader") return this.environCall(func2, "__call__", e, frame2);
    if (func2.kind !== "ext") return unknown(`call at line ${e.line}`);
    return this.externalCall(func2.qname, e, frame2);
  }
  kw(e, name2, position, frame2) {
    const k2 = e.kwargs.find((x3) => x3.name === name2);
    const node = k2?.value ?? e.args[position];
    if (!node) return void 0;
    return { value: this.expr(node, frame2), text: this.source(node) };
  }
  source(node) {
    const lineText2 = this.parsed.lines[node.line - 1] ?? "";
    if (node.t === "const") return typeof node.value === "string" ? show(str(node.value)) : node.value === null ? "None" : typeof node.value === "boolean" ? node.value ? "True" : "False" : String(node.value);
    if (node.t === "seq" || node.t === "dict" || node.t === "name") return show(this.exprQuiet(node));
    return lineText2.trim();
  }
  exprQuiet(node) {
    return this.expr(node, { ns: { bindings: /* @__PURE__ */ new Map() }, reads: [] });
  }
  externalCall(qname, e, frame2) {
    const name2 = () => {
      const node = e.args[0] ?? e.kwargs.find((k2) => k2.name === "key" || k2.name === "option")?.value;
      return node ? this.expr(node, frame2) : void 0;
    };
    const q3 = qname.replace(/^builtins\./, "");
    switch (q3) {
      case "os.environ.get":
      case "os.getenv":
      case "os.environ.setdefault": {
        const n = name2();
        if (n?.kind !== "str") return unknown("environment read with a computed name");
        const d2 = this.kw(e, "default", 1, frame2);
        return this.readEnv(n.value, q3, d2?.value ?? NONE, e.line, frame2, str, d2?.text ?? "None");
      }
      case "decouple.config":
      case "decouple.AutoConfig()":
      case "decouple.Config()": {
        const n = name2();
        if (n?.kind !== "str") return unknown("config() with a computed name");
        const d2 = this.kw(e, "default", 1, frame2);
        const cast = this.kw(e, "cast", 2, frame2);
        const caster = decoupleCaster(cast?.value);
        const defaultValue = d2 ? caster(d2.value) : void 0;
        return this.readEnv(n.value, "config", defaultValue, e.line, frame2, (s) => caster(str(s)), d2?.text);
      }
      case "environ.Env":
      case "environ.environ.Env": {
        const scheme = /* @__PURE__ */ new Map();
        for (const k2 of e.kwargs) {
          const v2 = this.expr(k2.value, frame2);
          if (v2.kind === "seq" && v2.items.length >= 1 && v2.items[0].value.kind === "ext")
            scheme.set(k2.name, { cast: v2.items[0].value.qname.replace(/^builtins\./, ""), default: v2.items[1]?.value });
          else if (v2.kind === "ext") scheme.set(k2.name, { cast: v2.qname.replace(/^builtins\./, "") });
        }
        return { kind: "envReader", scheme };
      }
      case "decouple.AutoConfig":
      case "decouple.Config":
      case "decouple.RepositoryEnv":
        return { kind: "ext", qname: `${q3}()` };
      case "decouple.Csv":
        return { kind: "ext", qname: "decouple.Csv()" };
      case "bool":
      case "int":
      case "float":
      case "str":
      case "list":
      case "tuple":
      case "set":
      case "len":
        return mapOptions(e.args[0] ? this.expr(e.args[0], frame2) : NONE, (v2) => builtinCall(q3, v2, e.args.length === 0));
      case "dict": {
        if (e.args.length) return unknown("dict(...)");
        return { kind: "dict", entries: e.kwargs.map((k2) => ({ key: k2.name, value: this.expr(k2.value, frame2), loc: { path: this.path, line: k2.value.line, endLine: k2.value.line } })), open: false };
      }
      case "json.loads": {
        const v2 = e.args[0] ? this.expr(e.args[0], frame2) : NONE;
        return mapOptions(v2, (o2) => o2.kind === "str" ? jsonValue(o2.value) : unknown("json.loads of a non-string"));
      }
      case "distutils.util.strtobool":
      case "setuptools.dist.strtobool":
      case "str2bool.str2bool":
      case "strtobool": {
        const v2 = e.args[0] ? this.expr(e.args[0], frame2) : NONE;
        return mapOptions(v2, (o2) => o2.kind === "str" ? strtobool(o2.value) : unknown("strtobool of a non-string"));
      }
      case "django.core.management.utils.get_random_secret_key":
        return unknown("a random key generated at start-up");
      default:
        return unknown(`result of ${q3}()`);
    }
  }
  environCall(reader, method, e, frame2) {
    const first = e.args[0] ?? e.kwargs.find((k2) => k2.name === "var")?.value;
    const n = first ? this.expr(first, frame2) : void 0;
    if (n?.kind !== "str") {
      if (method === "read_env" || method === "read_env_file") return NONE;
      return unknown(`env.${method}() with a computed name`);
    }
    const scheme = reader.scheme.get(n.value);
    let cast = method === "__call__" ? void 0 : method;
    if (method === "__call__") {
      const c3 = this.kw(e, "cast", 1, frame2);
      cast = c3?.value.kind === "ext" ? c3.value.qname.replace(/^builtins\./, "") : scheme?.cast;
    }
    const d2 = this.kw(e, "default", method === "__call__" ? 2 : 1, frame2);
    const parseDefault = this.kw(e, "parse_default", 99, frame2);
    const caster = environCaster(cast ?? "str");
    let defaultValue = d2?.value ?? scheme?.default;
    if (defaultValue && parseDefault && truthy(parseDefault.value)) defaultValue = mapOptions(defaultValue, (v2) => v2.kind === "str" ? caster(v2.value) : v2);
    const via = method === "__call__" ? "env" : `env.${method}`;
    const defaultText = d2?.text ?? (scheme?.default ? show(scheme.default) : void 0);
    return this.readEnv(n.value, via, defaultValue, e.line, frame2, caster, defaultText);
  }
  binop(op, a, b3) {
    if (a.kind === "oneOf" || b3.kind === "oneOf") return mapOptions(a, (x4) => mapOptions(b3, (y3) => this.binop(op, x4, y3)));
    if (a.kind === "fails") return a;
    if (b3.kind === "fails") return b3;
    const x3 = numeric(a);
    const y2 = numeric(b3);
    if (x3 !== void 0 && y2 !== void 0) {
      const isFloat = a.kind === "float" || b3.kind === "float";
      const num = (n) => isFloat || !Number.isInteger(n) ? { kind: "float", value: n } : int(n);
      switch (op) {
        case "+":
          return num(x3 + y2);
        case "-":
          return num(x3 - y2);
        case "*":
          return num(x3 * y2);
        case "/":
          return y2 === 0 ? fails("ZeroDivisionError") : { kind: "float", value: x3 / y2 };
        case "//":
          return y2 === 0 ? fails("ZeroDivisionError") : num(Math.floor(x3 / y2));
        case "%":
          return y2 === 0 ? fails("ZeroDivisionError") : num((x3 % y2 + y2) % y2);
        case "**":
          return num(x3 ** y2);
        case "|":
          return a.kind === "bool" && b3.kind === "bool" ? bool(a.value || b3.value) : int(x3 | y2);
        case "&":
          return a.kind === "bool" && b3.kind === "bool" ? bool(a.value && b3.value) : int(x3 & y2);
      }
    }
    if (op === "+" && a.kind === "str" && b3.kind === "str") return str(a.value + b3.value);
    if (op === "*" && a.kind === "str" && b3.kind === "int") return str(a.value.repeat(Math.max(0, Math.min(b3.value, 1e4))));
    if (op === "+" && a.kind === "seq" && b3.kind === "seq" && a.type === b3.type) return extend(a, b3);
    if (op === "|" && a.kind === "dict" && b3.kind === "dict") return { kind: "dict", entries: [...a.entries.filter((x4) => !b3.entries.some((y3) => y3.key === x4.key)), ...b3.entries], open: a.open || b3.open };
    if (op === "%" && a.kind === "str") return unknown("%-formatted string");
    if (op === "+" && a.kind === "seq" && b3.kind === "unknown") return { ...a, open: true };
    if (op === "+" && b3.kind === "seq" && a.kind === "unknown") return { ...b3, open: true };
    return unknown(`${show(a, 20)} ${op} ${show(b3, 20)}`);
  }
  compare(e, frame2) {
    let left = this.expr(e.operands[0], frame2);
    let result = TRUE;
    for (let i2 = 0; i2 < e.ops.length; i2++) {
      const rightExpr = e.operands[i2 + 1];
      if (!rightExpr) return unknown("comparison");
      const op = e.ops[i2];
      let right;
      let r2;
      if ((op === "in" || op === "not in") && rightExpr.t === "attr" && this.expr(rightExpr, frame2).kind === "ext" && qnameOf(this.expr(rightExpr, frame2)) === "os.environ") {
        right = { kind: "ext", qname: "os.environ" };
        const name2 = left;
        if (name2.kind !== "str") return unknown("membership in os.environ");
        const probe = WORLDS[this.world];
        frame2.reads.push({ name: name2.value, via: '"X" in os.environ', line: e.line, path: this.path, defaultText: void 0 });
        const present = probe === null ? false : true;
        r2 = bool(op === "in" ? present : !present);
      } else {
        right = this.expr(rightExpr, frame2);
        r2 = mapOptions(left, (a) => mapOptions(right, (b3) => compareValues(op, a, b3)));
      }
      if (truthy(r2) === false) return r2;
      result = truthy(r2) === true ? result : oneOf([result, r2], "comparison");
      if (truthy(r2) === void 0) result = unknown("comparison of unknown values");
      left = right;
    }
    return result;
  }
  comprehension(e, frame2) {
    const iter = this.expr(e.iter, frame2);
    if (iter.kind !== "seq") return unknown(`comprehension over ${show(iter, 20)}`);
    const items = [];
    let open = iter.open;
    for (const item of iter.items) {
      const inner = { ns: { bindings: new Map(frame2.ns.bindings) }, reads: frame2.reads };
      inner.ns.bindings.set(e.target, { value: item.value, loc: item.loc ?? { path: this.path, line: e.line, endLine: e.line }, history: [], env: [], text: "" });
      let keep = true;
      for (const c3 of e.conds) {
        const t2 = truthy(this.expr(c3, inner));
        if (t2 === false) {
          keep = false;
          break;
        }
        if (t2 === void 0) keep = void 0;
      }
      if (keep === false) continue;
      if (keep === void 0) {
        open = true;
        continue;
      }
      items.push({ value: this.expr(e.elt, inner), loc: item.loc });
    }
    return { kind: "seq", type: e.kind, items, open };
  }
};
var BUILTINS = { bool: true, int: true, float: true, str: true, list: true, tuple: true, set: true, dict: true, len: true, open: true, print: true, range: true };
var MUTATING_METHODS = /* @__PURE__ */ new Set(["append", "insert", "extend", "remove", "pop", "clear", "update", "setdefault", "sort", "reverse", "add", "discard"]);
var NAMESPACE_FUNCTIONS = ["globals", "locals", "vars"];
function isDynamicCall(e) {
  const func2 = e.func;
  if (func2.t === "name") return func2.id === "exec" || func2.id === "execfile";
  return func2.t === "attr" && func2.obj.t === "call" && func2.obj.func.t === "name" && NAMESPACE_FUNCTIONS.includes(func2.obj.func.id);
}
function writesNamespace(target) {
  let cur = target;
  while (cur.t === "subscript") cur = cur.obj;
  return cur.t === "call" && cur.func.t === "name" && NAMESPACE_FUNCTIONS.includes(cur.func.id);
}
function hasDynamicCode(s) {
  switch (s.t) {
    case "expr":
      return s.expr.t === "call" && isDynamicCall(s.expr);
    case "assign":
      return s.targets.some(writesNamespace);
    case "augassign":
      return writesNamespace(s.target);
    case "if":
      return [...s.branches.flatMap((b3) => b3.body), ...s.orelse ?? []].some(hasDynamicCode);
    case "try":
      return [...s.body, ...s.handlers.flatMap((h3) => h3.body), ...s.orelse, ...s.final].some(hasDynamicCode);
    case "loop":
      return [...s.body, ...s.orelse].some(hasDynamicCode);
    case "with":
      return s.body.some(hasDynamicCode);
    default:
      return false;
  }
}
function qnameOf(v2) {
  return v2.kind === "ext" ? v2.qname : void 0;
}
function dedupeReads(reads) {
  const seen = /* @__PURE__ */ new Set();
  return reads.filter((r2) => {
    const key = `${r2.path}:${r2.line}:${r2.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
function cloneFrame(f3) {
  return { ns: { bindings: new Map(f3.ns.bindings), dynamic: f3.ns.dynamic }, reads: [] };
}
function mergeInto(frame2, branches, why) {
  const names = new Set(branches.flatMap((b3) => [...b3.ns.bindings.keys()]));
  const merged = /* @__PURE__ */ new Map();
  for (const name2 of names) {
    const bs2 = branches.map((b3) => b3.ns.bindings.get(name2));
    const first = bs2[0];
    if (first && bs2.every((b3) => b3 === first)) {
      merged.set(name2, first);
      continue;
    }
    const present = bs2.filter((b3) => b3 !== void 0);
    const values = bs2.map((b3) => b3?.value ?? { kind: "absent" });
    const before = frame2.ns.bindings.get(name2);
    const changed = present.find((b3) => b3 !== before) ?? present[0];
    merged.set(name2, {
      value: oneOf(values, why),
      loc: changed.loc,
      history: changed.history,
      env: dedupeReads(present.flatMap((b3) => b3.env)),
      text: changed.text,
      alternatives: present
    });
  }
  frame2.ns.bindings = merged;
  frame2.ns.dynamic = branches.find((b3) => b3.ns.dynamic)?.ns.dynamic ?? frame2.ns.dynamic;
}
function changedNames(s) {
  switch (s.t) {
    case "assign":
      return s.targets.flatMap((t2) => {
        const r2 = rootName(t2);
        return r2 ? [[r2, "set"]] : [];
      });
    case "augassign": {
      const r2 = rootName(s.target);
      return r2 ? [[r2, s.op === "+" ? "grow" : "set"]] : [];
    }
    case "expr": {
      if (s.expr.t === "call" && s.expr.func.t === "attr") {
        const r2 = rootName(s.expr.func.obj);
        const m2 = s.expr.func.attr;
        if (r2 && MUTATING_METHODS.has(m2)) return [[r2, m2 === "append" || m2 === "extend" || m2 === "insert" || m2 === "add" ? "grow" : "set"]];
      }
      return [];
    }
    case "if":
      return [...s.branches.flatMap((b3) => b3.body.flatMap(changedNames)), ...(s.orelse ?? []).flatMap(changedNames)];
    case "try":
      return [...s.body, ...s.handlers.flatMap((h3) => h3.body), ...s.orelse, ...s.final].flatMap(changedNames);
    case "loop":
    case "with":
      return s.body.flatMap(changedNames);
    case "def":
      return [[s.name, "set"]];
    default:
      return [];
  }
}
function rootName(e) {
  if (e.t === "name") return e.id;
  if (e.t === "subscript") return rootName(e.obj);
  return void 0;
}
function subscriptPath(e, evaluate) {
  const keys = [];
  let cur = e;
  while (cur.t === "subscript") {
    keys.unshift(evaluate(cur.index));
    cur = cur.obj;
  }
  if (cur.t !== "name") return void 0;
  return { root: cur.id, keys };
}
function getPath(v2, keys) {
  return keys.reduce((acc, k2) => subscript(acc, k2), v2);
}
function setPath(v2, keys, value) {
  if (keys.length === 0) return value;
  const [k2, ...rest] = keys;
  if (v2.kind === "dict" && k2.kind === "str") {
    const old = v2.entries.find((e) => e.key === k2.value);
    const next = setPath(old?.value ?? unknown(`missing key ${k2.value}`), rest, value);
    return { ...v2, entries: old ? v2.entries.map((e) => e === old ? { ...e, value: next } : e) : [...v2.entries, { key: k2.value, value: next }] };
  }
  if (v2.kind === "seq" && k2.kind === "int" && !v2.open) {
    const i2 = k2.value < 0 ? v2.items.length + k2.value : k2.value;
    if (i2 < 0 || i2 >= v2.items.length) return fails("IndexError: list assignment index out of range");
    return { ...v2, items: v2.items.map((it2, j3) => j3 === i2 ? { ...it2, value: setPath(it2.value, rest, value) } : it2) };
  }
  return unknown("assignment into an unknown container");
}
function subscript(obj, index) {
  if (obj.kind === "oneOf") return mapOptions(obj, (o2) => subscript(o2, index));
  if (obj.kind === "dict" && index.kind === "str") {
    const e = obj.entries.find((x3) => x3.key === index.value);
    if (e) return e.value;
    return obj.open ? unknown(`key ${index.value}`) : fails(`KeyError: ${index.value}`);
  }
  if (obj.kind === "seq" && index.kind === "int") {
    const i2 = index.value < 0 ? obj.items.length + index.value : index.value;
    if (obj.open && index.value < 0) return unknown("index into a list with unknown elements");
    if (i2 >= 0 && i2 < obj.items.length) return obj.items[i2].value;
    return obj.open ? unknown("index") : fails("IndexError: list index out of range");
  }
  if (obj.kind === "str" && index.kind === "int") {
    const i2 = index.value < 0 ? obj.value.length + index.value : index.value;
    return i2 >= 0 && i2 < obj.value.length ? str(obj.value[i2]) : fails("IndexError: string index out of range");
  }
  return unknown("subscript");
}
function withLocs(v2, loc) {
  if (v2.kind === "seq") return { ...v2, items: v2.items.map((i2) => i2.loc ? i2 : { ...i2, loc }) };
  return v2;
}
function extend(a, b3) {
  if (b3.kind === "seq") return { ...a, items: [...a.items, ...b3.items], open: a.open || b3.open };
  if (b3.kind === "str") return { ...a, items: [...a.items, ...[...b3.value].map((c3) => ({ value: str(c3) }))] };
  return { ...a, open: true };
}
function toStr(v2) {
  switch (v2.kind) {
    case "str":
      return v2.value;
    case "int":
      return String(v2.value);
    case "bool":
      return v2.value ? "True" : "False";
    case "none":
      return "None";
    case "float":
      return show(v2);
    default:
      return void 0;
  }
}
function compareValues(op, a, b3) {
  if (a.kind === "fails") return a;
  if (b3.kind === "fails") return b3;
  switch (op) {
    case "==":
    case "!=": {
      if (!isComparable(a) || !isComparable(b3)) return unknown("comparison of unknown values");
      const eq = equal(a, b3);
      return bool(op === "==" ? eq : !eq);
    }
    case "is":
    case "is not": {
      if (a.kind === "none" || b3.kind === "none" || a.kind === "bool" || b3.kind === "bool") {
        if (!isComparable(a) || !isComparable(b3)) return unknown("identity of unknown values");
        const same = a.kind === b3.kind && equal(a, b3);
        return bool(op === "is" ? same : !same);
      }
      return unknown("identity comparison");
    }
    case "in":
    case "not in": {
      let r2;
      if (b3.kind === "str" && a.kind === "str") r2 = b3.value.includes(a.value);
      else if (b3.kind === "seq") {
        if (!isComparable(a)) return unknown("membership of an unknown value");
        if (b3.items.some((i2) => isComparable(i2.value) && equal(i2.value, a))) r2 = true;
        else r2 = b3.open || b3.items.some((i2) => !isComparable(i2.value)) ? void 0 : false;
      } else if (b3.kind === "dict" && a.kind === "str") r2 = b3.entries.some((e) => e.key === a.value) ? true : b3.open ? void 0 : false;
      if (r2 === void 0) return unknown("membership");
      return bool(op === "in" ? r2 : !r2);
    }
    case "<":
    case "<=":
    case ">":
    case ">=": {
      const x3 = numeric(a) ?? (a.kind === "str" ? a.value : void 0);
      const y2 = numeric(b3) ?? (b3.kind === "str" ? b3.value : void 0);
      if (x3 === void 0 || y2 === void 0 || typeof x3 !== typeof y2) return unknown("ordering");
      return bool(op === "<" ? x3 < y2 : op === "<=" ? x3 <= y2 : op === ">" ? x3 > y2 : x3 >= y2);
    }
    default:
      return unknown(`operator ${op}`);
  }
}
function isComparable(v2) {
  return ["none", "bool", "int", "float", "str"].includes(v2.kind) || (v2.kind === "seq" || v2.kind === "dict") && !v2.open;
}
function valueMethod(o2, method, args2) {
  if (o2.kind === "fails") return o2;
  if (o2.kind === "str") {
    const s = o2.value;
    const a0 = args2[0];
    switch (method) {
      case "lower":
      case "casefold":
        return str(s.toLowerCase());
      case "upper":
        return str(s.toUpperCase());
      case "strip":
      case "lstrip":
      case "rstrip": {
        if (a0 && a0.kind !== "str" && a0.kind !== "none") return unknown("strip");
        const chars = a0?.kind === "str" ? a0.value : " 	\n\r\v\f";
        let start2 = 0;
        let end = s.length;
        if (method !== "rstrip") while (start2 < end && chars.includes(s[start2])) start2++;
        if (method !== "lstrip") while (end > start2 && chars.includes(s[end - 1])) end--;
        return str(s.slice(start2, end));
      }
      case "split": {
        if (!a0 || a0.kind === "none") return list(s.split(/[ \t\n\r\v\f]+/).filter((x3) => x3.length > 0).map(str));
        if (a0.kind !== "str" || a0.value === "") return unknown("split");
        const max = args2[1]?.kind === "int" ? args2[1].value : -1;
        const parts2 = s.split(a0.value);
        if (max >= 0 && parts2.length > max + 1) parts2.splice(max, parts2.length, parts2.slice(max).join(a0.value));
        return list(parts2.map(str));
      }
      case "startswith":
      case "endswith": {
        if (a0?.kind !== "str") return unknown(method);
        return bool(method === "startswith" ? s.startsWith(a0.value) : s.endsWith(a0.value));
      }
      case "replace":
        return a0?.kind === "str" && args2[1]?.kind === "str" ? str(s.split(a0.value).join(args2[1].value)) : unknown("replace");
      case "title":
        return str(s.replace(/\b\w/g, (c3) => c3.toUpperCase()));
      case "capitalize":
        return str(s.charAt(0).toUpperCase() + s.slice(1).toLowerCase());
      case "join": {
        if (a0?.kind !== "seq" || a0.open) return unknown("join");
        const parts2 = a0.items.map((i2) => i2.value.kind === "str" ? i2.value.value : void 0);
        return parts2.every((p2) => p2 !== void 0) ? str(parts2.join(s)) : unknown("join");
      }
      case "isdigit":
        return bool(/^\d+$/.test(s));
      default:
        return unknown(`str.${method}()`);
    }
  }
  if (o2.kind === "dict" && method === "get") {
    const k2 = args2[0];
    if (k2?.kind !== "str") return unknown("dict.get");
    const e = o2.entries.find((x3) => x3.key === k2.value);
    return e ? e.value : o2.open ? unknown("dict.get") : args2[1] ?? NONE;
  }
  if (o2.kind === "seq" && method === "copy") return o2;
  if (o2.kind === "dict" && method === "copy") return o2;
  return unknown(`.${method}()`);
}
function callMethodMutating(v2, method, args2, kwargs, line2) {
  if (v2.kind === "oneOf") return mapOptions(v2, (o2) => callMethodMutating(o2, method, args2, kwargs, line2));
  if (v2.kind === "seq") {
    switch (method) {
      case "append":
      case "add":
        return args2[0] ? { ...v2, items: [...v2.items, { value: args2[0], loc: locOf2(args2[0]) }] } : v2;
      case "extend":
        return args2[0] ? extend(v2, args2[0]) : v2;
      case "insert": {
        const at2 = args2[0]?.kind === "int" ? args2[0].value : void 0;
        if (at2 === void 0 || !args2[1]) return { ...v2, open: true };
        const items = [...v2.items];
        const i2 = at2 < 0 ? Math.max(0, items.length + at2) : Math.min(at2, items.length);
        items.splice(i2, 0, { value: args2[1] });
        return { ...v2, items };
      }
      case "remove":
      case "discard": {
        const target = args2[0];
        if (!target || !isComparable(target)) return unknown(`.${method}() of an unknown value at line ${line2}`);
        const index = v2.items.findIndex((i2) => isComparable(i2.value) && equal(i2.value, target));
        if (index < 0) {
          if (v2.open || v2.items.some((i2) => !isComparable(i2.value))) return v2;
          return method === "remove" ? fails(`ValueError: list.remove(x): x not in list (line ${line2})`) : v2;
        }
        return { ...v2, items: v2.items.filter((_3, j3) => j3 !== index) };
      }
      case "clear":
        return { ...v2, items: [], open: false };
      case "sort":
      case "reverse":
        return v2;
      case "pop":
        return unknown(`.pop() at line ${line2}`);
    }
  }
  if (v2.kind === "dict") {
    switch (method) {
      case "update": {
        const src = args2[0];
        let entries = v2.entries;
        const add = [...src?.kind === "dict" ? src.entries : [], ...kwargs.map((k2) => ({ key: k2.name, value: k2.value }))];
        for (const x3 of add) entries = [...entries.filter((y2) => y2.key !== x3.key), x3];
        return { ...v2, entries, open: v2.open || src !== void 0 && (src.kind !== "dict" || src.open) };
      }
      case "setdefault": {
        const k2 = args2[0];
        if (k2?.kind !== "str") return { ...v2, open: true };
        if (v2.entries.some((e) => e.key === k2.value)) return v2;
        return { ...v2, entries: [...v2.entries, { key: k2.value, value: args2[1] ?? NONE }] };
      }
      case "pop": {
        const k2 = args2[0];
        if (k2?.kind !== "str") return unknown("dict.pop");
        return { ...v2, entries: v2.entries.filter((e) => e.key !== k2.value) };
      }
      case "clear":
        return { ...v2, entries: [], open: false };
    }
  }
  return unknown(`.${method}() at line ${line2}`);
}
function locOf2(v2) {
  return v2.kind === "seq" ? v2.items[0]?.loc : void 0;
}
function builtinCall(name2, v2, noArgs) {
  switch (name2) {
    case "bool": {
      if (noArgs) return FALSE;
      const t2 = truthy(v2);
      return t2 === void 0 ? unknown("bool() of an unknown value") : bool(t2);
    }
    case "int":
      if (noArgs) return int(0);
      if (v2.kind === "str") return pyInt(v2.value);
      if (v2.kind === "float") return int(Math.trunc(v2.value));
      return numeric(v2) !== void 0 ? int(numeric(v2)) : v2.kind === "none" ? fails("TypeError: int() of None") : unknown("int()");
    case "float":
      if (v2.kind === "str") return pyFloat(v2.value);
      return numeric(v2) !== void 0 ? { kind: "float", value: numeric(v2) } : unknown("float()");
    case "str": {
      if (noArgs) return str("");
      const s = toStr(v2);
      return s === void 0 ? unknown("str()") : str(s);
    }
    case "list":
    case "tuple":
    case "set":
      if (noArgs) return list([], name2);
      if (v2.kind === "seq") return { ...v2, type: name2 };
      if (v2.kind === "str") return list([...v2.value].map(str), name2);
      return unknown(`${name2}()`);
    case "len":
      if (v2.kind === "str") return int(v2.value.length);
      if (v2.kind === "seq" && !v2.open) return int(v2.items.length);
      return unknown("len()");
  }
  return unknown(name2);
}
function decoupleCaster(cast) {
  const q3 = cast?.kind === "ext" ? cast.qname.replace(/^builtins\./, "") : void 0;
  return (v2) => mapOptions(v2, (x3) => {
    if (!q3) return x3;
    const s = x3.kind === "str" ? x3.value : toStr(x3);
    if (q3 === "bool") return s === void 0 ? unknown("cast") : decoupleBool(s);
    if (q3 === "decouple.Csv()") return x3.kind === "str" ? commaList(x3.value, true) : x3;
    if (s === void 0) return unknown("cast");
    if (q3 === "int") return pyInt(s);
    if (q3 === "float") return pyFloat(s);
    if (q3 === "str") return str(s);
    return unknown(`cast=${q3}`);
  });
}
function environCaster(cast) {
  switch (cast) {
    case "bool":
      return environBool;
    case "int":
      return pyInt;
    case "float":
      return pyFloat;
    case "list":
    case "tuple":
      return (s) => commaList(s, false);
    case "json":
      return jsonValue;
    case "str":
    case "path":
      return str;
    default:
      return () => unknown(`env.${cast}()`);
  }
}

// src/settings/view.ts
var Worlds = class {
  constructor(index) {
    this.index = index;
  }
  index;
  evaluators = [];
  get(world) {
    let e = this.evaluators[world];
    if (!e) {
      e = new WorldEvaluator(this.index, world);
      this.evaluators[world] = e;
    }
    return e;
  }
};
var SettingsView = class {
  constructor(entry, worlds) {
    this.entry = entry;
    this.worlds = worlds;
  }
  entry;
  worlds;
  get path() {
    return this.entry.path;
  }
  /** Notices from evaluating the module (syntax errors, imports not followed). */
  notices() {
    return this.worlds.get(UNSET_WORLD).evaluate(this.path)?.notices ?? [];
  }
  binding(name2, world = UNSET_WORLD) {
    return this.worlds.get(world).evaluate(this.path)?.ns.bindings.get(name2);
  }
  /** The effective value of a setting in a world (default: production as deployed). */
  get(name2, world = UNSET_WORLD) {
    const result = this.worlds.get(world).evaluate(this.path);
    const binding = result?.ns.bindings.get(name2);
    const fallback = DJANGO_DEFAULTS[name2] ?? unknown(`${name2} is not set`);
    if (!binding) {
      if (result?.ns.dynamic) return { name: name2, value: unknown(`may be set by the dynamic code at ${result.ns.dynamic.path}:${result.ns.dynamic.line}`), isDefault: false };
      return { name: name2, value: fallback, isDefault: true };
    }
    const value = mapOptions(binding.value, (v2) => v2.kind === "absent" ? fallback : v2);
    return { name: name2, value, binding, isDefault: false };
  }
  /** The value in the worlds where the environment sets every variable to "False", "0" or "". */
  whenEnvSaysOff(name2) {
    return OFF_WORLDS.map((w2) => ({ probe: WORLDS[w2], setting: this.get(name2, w2) }));
  }
  /** Where a finding about a setting that is not set at all should point: the module's first line. */
  moduleLoc() {
    return { path: this.path, line: 1, endLine: 1 };
  }
};

// src/suppressions.ts
var MARKER = "django-security:";
function parseSuppression(line2) {
  const at2 = line2.indexOf(MARKER);
  if (at2 < 0) return void 0;
  const rest = line2.slice(at2 + MARKER.length).trim();
  if (!rest.startsWith("ignore[")) return { error: 'expected ignore[rule-id] after "django-security:"' };
  const close = rest.indexOf("]");
  if (close < 0) return { error: "unclosed ignore[" };
  const rules = rest.slice("ignore[".length, close).split(",").map((r2) => r2.trim()).filter(Boolean);
  const after = rest.slice(close + 1).trim();
  const reason = after.startsWith("--") ? after.slice(2).trim() : "";
  if (!reason) return { error: "a suppression needs a reason: # django-security: ignore[rule-id] -- why this is safe" };
  return { rules, reason };
}
function applySuppressions(findings, files, config) {
  const ignored = config.ignorePaths.map(globToRegExp);
  const notices = [];
  const kept = [];
  for (const f3 of findings) {
    if (ignored.some((re2) => re2.test(f3.path))) continue;
    if (f3.baselineState === "absent") {
      kept.push(f3);
      continue;
    }
    const text = files.read(f3.path) ?? "";
    let suppressed = false;
    for (const n of [f3.line, f3.line - 1]) {
      const s = parseSuppression(lineAt(text, n) ?? "");
      if (!s) continue;
      if ("error" in s) {
        notices.push({ path: f3.path, line: n, message: s.error });
        continue;
      }
      if (s.rules.includes(f3.ruleId) || s.rules.includes("*")) suppressed = true;
    }
    if (!suppressed) kept.push(f3);
  }
  return { kept, notices };
}

// src/review.ts
function secretValues(side) {
  const out2 = [];
  for (const view of side.views.values())
    for (const name2 of ["SECRET_KEY", "SECRET_KEY_FALLBACKS"]) {
      const b3 = view.binding(name2);
      if (!b3) continue;
      const values = b3.value.kind === "oneOf" ? b3.value.options : [b3.value];
      for (const v2 of values) {
        if (v2.kind === "str") out2.push(v2.value);
        if (v2.kind === "seq") {
          for (const i2 of v2.items) if (i2.value.kind === "str") out2.push(i2.value.value);
        }
      }
    }
  return out2;
}
function analyzeSide(files, candidates) {
  const discovery = discover(files, candidates);
  const worlds = new Worlds(discovery.index);
  const views = /* @__PURE__ */ new Map();
  for (const entry of discovery.entries) views.set(entry.path, new SettingsView(entry, worlds));
  return { discovery, views };
}
function wantedPaths(side) {
  for (const view of side.views.values()) view.get("DEBUG");
  return [...side.discovery.index.wanted];
}
function fileClassOf(path, side) {
  const entry = side.discovery.entries.find((e) => e.path === path);
  if (entry && !entry.production) return { kind: "development", why: `it is a development or test settings module (${entry.reason})` };
  return classifyFile(path);
}
function runFileRules(files, side, config, targets) {
  const out2 = [];
  for (const t2 of targets) {
    const secrets = t2.lines ? void 0 : files.secrets?.get(t2.path);
    const text = secrets ? void 0 : files.read(t2.path);
    if (!secrets && text === void 0) continue;
    const fileClass = fileClassOf(t2.path, side);
    const ctx = {
      path: t2.path,
      get text() {
        return text ?? files.read(t2.path) ?? "";
      },
      lines: t2.lines,
      added: t2.added,
      fileClass,
      secrets
    };
    for (const rule of FILE_RULES) {
      if (config.rules[rule.meta.id] === "off") continue;
      for (const raw of rule.checkFile(ctx)) out2.push({ key: `${rule.meta.id}|${t2.path}|${raw.subject}`, rule, raw, fileClass });
    }
  }
  return out2;
}
function fileFindings(items, settingsFindings, files, config, state) {
  const keyLines = new Set(settingsFindings.filter((f3) => f3.ruleId === "secret-key-hardcoded").map((f3) => `${f3.path}:${f3.line}`));
  return items.filter((it2) => !(it2.rule.meta.id === "hardcoded-credential" && keyLines.has(`${it2.raw.loc.path}:${it2.raw.loc.line}`))).map((it2) => ({
    ...located(it2.rule.meta, it2.raw, it2.raw.loc.path, it2.raw.loc.line, it2.raw.loc.endLine, files, config),
    fingerprint: fingerprint([it2.rule.meta.id, it2.raw.subject, it2.raw.loc.path]),
    baselineState: state,
    affected: [],
    notes: it2.raw.notes ?? [],
    fileClass: it2.fileClass
  }));
}
function allTextFiles(files) {
  const text = files.secrets ? [...files.secrets.keys()] : [...files.paths].filter((p2) => files.read(p2) !== void 0);
  return text.map((path) => ({ path, added: true }));
}
function runRules(side, config, baseSide, baseEntryOf) {
  const out2 = [];
  for (const [path, view] of side.views) {
    if (!view.entry.production) continue;
    const basePath = baseEntryOf?.(path);
    const base = basePath === void 0 ? void 0 : baseSide?.views.get(basePath);
    for (const rule of RULES) {
      if (config.rules[rule.meta.id] === "off") continue;
      for (const raw of rule.check({ settings: view, base })) out2.push({ key: `${rule.meta.id}|${path}|${raw.subject}`, rule, raw, entry: view.entry });
    }
  }
  return out2;
}
function fingerprint(parts2) {
  return createHash2("sha256").update(parts2.join("\0")).digest("hex").slice(0, 32);
}
function lineText(files, path, line2) {
  const text = files.read(path);
  return text === void 0 ? void 0 : lineAt(text, line2);
}
function located(meta, raw, path, line2, endLine, files, config) {
  return {
    ruleId: meta.id,
    severity: severityFor(config, meta.id, raw.severity ?? meta.severity),
    path,
    line: line2,
    endLine,
    message: raw.message,
    evidence: lineText(files, path, line2)?.trim(),
    fix: raw.fix
  };
}
function toFindings(items, files, config) {
  const groups = /* @__PURE__ */ new Map();
  for (const it2 of items) {
    const id = `${it2.rule.meta.id}|${it2.path ?? it2.raw.loc.path}|${it2.line ?? it2.raw.loc.line}|${it2.raw.subject}|${it2.state ?? ""}`;
    const group = groups.get(id);
    if (group) {
      if (!group.entries.some((e) => e.path === it2.entry.path)) group.entries.push(it2.entry);
    } else groups.set(id, { first: it2, entries: [it2.entry] });
  }
  return [...groups.values()].map(({ first: it2, entries }) => {
    const path = it2.path ?? it2.raw.loc.path;
    const line2 = it2.line ?? it2.raw.loc.line;
    const affected = entries.map((e) => e.path).sort();
    const others = affected.filter((p2) => p2 !== path);
    const notes = [...it2.extraNotes ?? [], ...it2.raw.notes ?? []];
    if (others.length) notes.push(`Affects ${others.join(", ")}${entries.some((e) => e.path !== path && e.chain.includes(path)) ? `, which ${others.length === 1 ? "imports" : "import"} ${path}` : ""}.`);
    notes.push(`Production settings: ${entries.map((e) => `${e.path} (${e.reason})`).join("; ")}.`);
    return {
      ...located(it2.rule.meta, it2.raw, path, line2, it2.path ? line2 : Math.max(line2, it2.raw.loc.endLine), files, config),
      fingerprint: fingerprint([it2.rule.meta.id, it2.raw.subject, path, ...affected]),
      baselineState: it2.state,
      djangoCheck: it2.raw.djangoCheck,
      affected,
      notes,
      fileClass: PRODUCTION_SETTINGS
    };
  });
}
var PRODUCTION_SETTINGS = { kind: "production", why: "production settings" };
var collator = new Intl.Collator();
function sorted(findings) {
  return findings.sort((a, b3) => collator.compare(a.path, b3.path) || a.line - b3.line || collator.compare(a.ruleId, b3.ruleId));
}
async function scan(files, config) {
  const candidates = settingsCandidates(files);
  if (candidates.length) await initPython();
  const side = analyzeSide(files, candidates);
  const items = runRules(side, config);
  const settingsFindings = toFindings(items, files, config);
  const fileItems = runFileRules(files, side, config, allTextFiles(files));
  const findings = applySuppressions(sorted([...settingsFindings, ...fileFindings(fileItems, settingsFindings, files, config)]), files, config);
  const listed = setAside(findings.kept, config.includeTests ?? false);
  const redact = makeRedactor([...secretValues(side), ...fileItems.flatMap((i2) => i2.raw.secrets ?? [])]);
  return { mode: "scan", findings: listed.findings.map((f3) => redactFinding(f3, redact)), notices: [...collectNotices(side), ...findings.notices, ...listed.notices], entries: side.discovery.entries, redact };
}
async function review(change, config) {
  await initPython();
  const head = analyzeSide(change.head);
  const base = analyzeSide(change.base);
  const diff = new DiffIndex(change);
  const pairs = pairEntries(head, base, diff);
  const headItems = runRules(head, config, base, (p2) => pairs.get(p2));
  const baseItems = runRules(base, config);
  const headPathOfBase = new Map([...pairs].map(([h3, b3]) => [b3, h3]));
  const baseByKey = new Map(
    baseItems.map((i2) => {
      const [rule, path, ...rest] = i2.key.split("|");
      return [[rule, headPathOfBase.get(path) ?? path, ...rest].join("|"), i2];
    })
  );
  const headKeys = new Set(headItems.map((i2) => i2.key));
  const touched = (it2) => diff.changed.has(it2.raw.loc.path) || it2.entry.chain.some((p2) => diff.changed.has(p2));
  const out2 = [];
  for (const it2 of headItems) {
    const before = baseByKey.get(it2.key);
    if (!before) {
      out2.push({ ...it2, state: "new", ...relocate(it2, base.views.get(pairs.get(it2.entry.path) ?? ""), diff) });
      continue;
    }
    const severity = it2.raw.severity ?? it2.rule.meta.severity;
    const beforeSeverity = before.raw.severity ?? before.rule.meta.severity;
    if (severity !== beforeSeverity) out2.push({ ...it2, state: "updated" });
    else if (touched(it2)) out2.push({ ...it2, state: "unchanged" });
  }
  for (const [key, it2] of baseByKey) if (!headKeys.has(key)) out2.push({ ...it2, state: "absent" });
  const headFindings = toFindings(out2.filter((o2) => o2.state !== "absent"), change.head, config);
  const absentFindings = toFindings(out2.filter((o2) => o2.state === "absent"), change.base, config);
  const targets = change.changes.filter((c3) => c3.status !== "deleted" && !c3.binary).map((c3) => ({ path: c3.path, added: c3.status === "added", lines: addedLines(c3.hunks) }));
  const fileItems = runFileRules(change.head, head, config, targets);
  const findings = applySuppressions(sorted([...headFindings, ...absentFindings, ...fileFindings(fileItems, headFindings, change.head, config, "new")]), change.head, config);
  const notices = [...change.notices, ...collectNotices(head, diff.changed), ...findings.notices];
  const redact = makeRedactor([...secretValues(head), ...secretValues(base), ...fileItems.flatMap((i2) => i2.raw.secrets ?? [])]);
  const changes = settingChanges([...head.views.values()].filter((v2) => v2.entry.production).map((v2) => [v2, base.views.get(pairs.get(v2.path) ?? "")]));
  const redactChange = (c3) => ({ ...c3, before: redact(c3.before), after: redact(c3.after), source: redact(c3.source) });
  return { mode: "diff", findings: findings.kept.map((f3) => redactFinding(f3, redact)), notices, entries: head.discovery.entries, redact, settingChanges: changes.map(redactChange) };
}
function addedLines(hunks) {
  const lines = /* @__PURE__ */ new Set();
  for (const h3 of hunks) for (let l3 = h3.newStart; l3 < h3.newStart + h3.newLines; l3++) lines.add(l3);
  return lines;
}
var DiffIndex = class {
  constructor(change) {
    this.change = change;
    for (const c3 of change.changes) {
      this.hunks.set(c3.path, c3.hunks);
      this.changed.add(c3.path);
      if (c3.status === "deleted") this.deleted.add(c3.path);
      if (c3.oldPath) {
        this.oldPath.set(c3.path, c3.oldPath);
        this.changed.add(c3.oldPath);
      }
    }
  }
  change;
  hunks = /* @__PURE__ */ new Map();
  /** head path → base path, for renames and copies */
  oldPath = /* @__PURE__ */ new Map();
  deleted = /* @__PURE__ */ new Set();
  /** every path the change touched, on either side */
  changed = /* @__PURE__ */ new Set();
  basePath(headPath) {
    return this.oldPath.get(headPath) ?? headPath;
  }
  headPath(basePath) {
    for (const [h3, b3] of this.oldPath) if (b3 === basePath) return h3;
    return basePath;
  }
  baseLine(path, line2) {
    return (lineText(this.change.base, path, line2) ?? "").trim();
  }
};
function pairEntries(head, base, diff) {
  const pairs = /* @__PURE__ */ new Map();
  const production = (side) => side.discovery.entries.filter((e) => e.production).map((e) => e.path);
  const baseProduction = production(base);
  const taken = /* @__PURE__ */ new Set();
  const selectedBy = (side, path) => side.discovery.references.filter((r2) => r2.kind === "deploy" && side.discovery.index.byDottedName(r2.module) === path).map((r2) => r2.path);
  const unpaired = [];
  for (const h3 of production(head)) {
    const same = diff.basePath(h3);
    if (base.views.has(same)) {
      pairs.set(h3, same);
      taken.add(same);
    } else unpaired.push(h3);
  }
  for (const h3 of [...unpaired]) {
    const deployFiles = selectedBy(head, h3).map((p2) => diff.basePath(p2));
    const match = baseProduction.find((b3) => !taken.has(b3) && selectedBy(base, b3).some((p2) => deployFiles.includes(p2)));
    if (match) {
      pairs.set(h3, match);
      taken.add(match);
      unpaired.splice(unpaired.indexOf(h3), 1);
    }
  }
  const leftover = baseProduction.filter((b3) => !taken.has(b3));
  if (unpaired.length === 1 && leftover.length === 1) pairs.set(unpaired[0], leftover[0]);
  return pairs;
}
function relocate(it2, baseView, diff) {
  const loc = it2.raw.loc;
  const headHunks = diff.hunks.get(loc.path);
  if (headHunks && isChangedLine(headHunks, loc.line)) return {};
  let removed = it2.raw.removed;
  if (!removed && baseView) {
    const setting = it2.raw.subject.split(/[:[]/)[0];
    const b3 = baseView.binding(setting);
    if (b3) removed = { loc: b3.loc, text: b3.text.trim() };
  }
  if (removed) {
    const headPath = diff.headPath(removed.loc.path);
    const hunks = diff.hunks.get(headPath);
    if (hunks && isRemovedLine(hunks, removed.loc.line)) {
      const text = removed.text || diff.baseLine(removed.loc.path, removed.loc.line);
      if (!diff.deleted.has(headPath))
        return { path: headPath, line: mapOldLine(hunks, removed.loc.line), extraNotes: [`This change removed \`${text}\` (line ${removed.loc.line} of ${removed.loc.path} before the change).`] };
      const viaImport = removedImportOf(removed.loc.path, baseView, diff);
      if (viaImport)
        return { ...viaImport, extraNotes: [`This change removed \`${viaImport.text}\`, and with it \`${text}\` from ${removed.loc.path}, which it deletes.`] };
    }
  }
  for (const path of it2.entry.chain) {
    const first = diff.hunks.get(path)?.find((h3) => h3.newLines > 0);
    if (!first) continue;
    const evidence = lineText(diff.change.head, loc.path, loc.line)?.trim();
    return { path, line: first.newStart, extraNotes: [`The value comes from ${loc.path}:${loc.line}${evidence ? ` (\`${evidence}\`)` : ""}.`] };
  }
  return {};
}
function removedImportOf(deletedPath, baseView, diff) {
  if (!baseView) return void 0;
  const stem2 = deletedPath.replace(/\.py$/, "").replace(/\/__init__$/, "").split("/").pop();
  for (const importer of baseView.entry.chain) {
    if (importer === deletedPath || diff.deleted.has(importer)) continue;
    const headPath = diff.headPath(importer);
    const hunks = diff.hunks.get(headPath);
    if (!hunks) continue;
    const lines = diff.change.base.read(importer)?.split(/\r?\n/) ?? [];
    for (let i2 = 1; i2 <= lines.length; i2++) {
      const text = lines[i2 - 1];
      if (isRemovedLine(hunks, i2) && text.includes("import") && new RegExp(`\\b${stem2}\\b`).test(text)) return { path: headPath, line: mapOldLine(hunks, i2), text: text.trim() };
    }
  }
  return void 0;
}
function collectNotices(side, only) {
  const seen = /* @__PURE__ */ new Set();
  const out2 = [];
  for (const view of side.views.values()) {
    for (const n of view.notices()) {
      if (seen.has(n)) continue;
      seen.add(n);
      const m2 = /^([^:]+):(\d+): (.*)$/.exec(n);
      const path = m2 ? m2[1] : n.split(":")[0];
      if (only && !only.has(path)) continue;
      out2.push(m2 ? { path: m2[1], line: Number(m2[2]), message: m2[3] } : { message: n });
    }
  }
  return out2;
}

// src/sources/tree.ts
import { readFileSync as readFileSync4 } from "node:fs";
import { join as join4 } from "node:path";

// src/sources/list-files.ts
var import_ignore = __toESM(require_ignore(), 1);
import { spawnSync } from "node:child_process";
import { lstatSync, readFileSync as readFileSync3, readdirSync } from "node:fs";
import { join as join2 } from "node:path";
var ALWAYS_SKIPPED = /* @__PURE__ */ new Set([".git", ".hg", ".svn", "node_modules", "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".tox", ".nox", "site-packages"]);
function gitListed(root) {
  const inside = spawnSync("git", ["rev-parse", "--is-inside-work-tree"], { cwd: root, encoding: "utf8" });
  if (inside.status !== 0 || inside.stdout.trim() !== "true") return void 0;
  const out2 = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--full-name", "--", "."], { cwd: root, maxBuffer: 1 << 30 });
  if (out2.status !== 0) return void 0;
  const prefix = spawnSync("git", ["rev-parse", "--show-prefix"], { cwd: root, encoding: "utf8" }).stdout.trim();
  const paths = new Set(out2.stdout.toString("utf8").split("\0").filter(Boolean).map((name2) => prefix && name2.startsWith(prefix) ? name2.slice(prefix.length) : name2));
  return [...paths].filter((p2) => isReadableFile(join2(root, p2)));
}
function isReadableFile(full) {
  try {
    return lstatSync(full).isFile();
  } catch {
    return false;
  }
}
function walked(root) {
  const out2 = [];
  const walk = (dir, rel2, rules) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    const own = entries.some((e) => e.name === ".gitignore" && e.isFile()) ? [...rules, { base: rel2, ig: (0, import_ignore.default)().add(readFileSync3(join2(dir, ".gitignore"), "utf8")) }] : rules;
    if (rel2 && entries.some((e) => e.name === "pyvenv.cfg")) return;
    const ignored = (r2, isDir) => own.some(({ base, ig }) => ig.ignores((base ? r2.slice(base.length + 1) : r2) + (isDir ? "/" : "")));
    for (const e of entries) {
      const r2 = rel2 ? `${rel2}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!ALWAYS_SKIPPED.has(e.name) && !ignored(r2, true)) walk(join2(dir, e.name), r2, own);
      } else if (e.isFile() && !ignored(r2, false)) out2.push(r2);
    }
  };
  walk(root, "", []);
  return out2;
}
function listFiles(root) {
  const git = gitListed(root);
  return git ? { paths: git.sort(), how: "git" } : { paths: walked(root).sort(), how: "walk" };
}

// src/sources/tree-file.ts
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { join as join3 } from "node:path";
var buffer;
function readTreeFile(root, path, keepText) {
  const fd = openSync(join3(root, path), "r");
  try {
    const size = fstatSync(fd).size;
    if (size > MAX_FILE_BYTES) return { kind: "large", size };
    buffer ??= Buffer.allocUnsafeSlow(MAX_FILE_BYTES);
    let n = 0;
    while (n < size) {
      const got = readSync(fd, buffer, n, size - n, n);
      if (got === 0) break;
      n += got;
    }
    const bytes = buffer.subarray(0, n);
    if (isBinary(bytes)) return { kind: "binary" };
    return { kind: "text", secrets: detectSecrets(path, bytes), ...keepText ? { text: bytes.toString("utf8") } : {} };
  } finally {
    closeSync(fd);
  }
}

// src/sources/tree.ts
var TreeFileSet = class {
  constructor(root, paths) {
    this.root = root;
    this.paths = new Set(paths);
  }
  root;
  paths;
  /** Every text file read, in listing order, with what the secrets detector found in it. */
  secrets = /* @__PURE__ */ new Map();
  texts = /* @__PURE__ */ new Map();
  add(path, secrets, text) {
    this.secrets.set(path, secrets);
    if (text !== void 0) this.texts.set(path, text);
  }
  read(path) {
    if (!this.secrets.has(path)) return void 0;
    let text = this.texts.get(path);
    if (text === void 0) {
      try {
        text = readFileSync4(join4(this.root, path), "utf8");
      } catch {
        return void 0;
      }
      this.texts.set(path, text);
    }
    return text;
  }
};
var keepsText = (path) => path.endsWith(".py") || referenceKind(path) !== void 0;
function treeFiles(root, select) {
  const { paths } = listFiles(root);
  const files = new TreeFileSet(root, paths);
  const notices = [];
  for (const p2 of select(paths)) {
    const f3 = readTreeFile(root, p2, keepsText(p2));
    if (f3.kind === "large") notices.push({ path: p2, message: `skipped: ${f3.size} bytes is over the ${MAX_FILE_BYTES}-byte limit` });
    else if (f3.kind === "text") files.add(p2, f3.secrets, f3.text);
  }
  return { files, notices };
}

// src/cli-run.ts
var USAGE = `Usage:
  ${TOOL_NAME} scan [PATH] [--rev REV]              review the state of one tree (the files git lists, or --rev from git objects)
  ${TOOL_NAME} scan --repo PATH [--rev REV]         review a commit of a repository (bare clones too; default HEAD)
  ${TOOL_NAME} diff --base REV [--head REV] [--repo PATH]   review what a change made worse
  ${TOOL_NAME} history [--since REV] [--repo PATH]         secrets ever committed (each once, with its first commit)

Options:
  --format text|json|sarif   output format (default text)
  --output FILE              write the report to FILE instead of stdout
  --fail-on critical|high|medium|low|never   exit 1 when findings reach this severity (default high)
  --config FILE              configuration (default ${DEFAULT_CONFIG_PATH} when present)
  --include-tests            scan: also list findings in tests, fixtures, CI, development, templates, docs and vendored files (at low)
  --color / --no-color       force colour on or off (default: on for a terminal)
  --version, --help

Exit status: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage, config or runtime error.`;
function selectForScan(paths) {
  return paths.filter((p2) => p2.endsWith(".py") || isSettingsRelevant(p2) || isSecretsCandidate(p2));
}
async function runCli(argv, io2) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        rev: { type: "string" },
        since: { type: "string" },
        base: { type: "string" },
        head: { type: "string" },
        repo: { type: "string" },
        format: { type: "string", default: "text" },
        output: { type: "string" },
        "fail-on": { type: "string" },
        config: { type: "string" },
        "include-tests": { type: "boolean" },
        color: { type: "boolean" },
        "no-color": { type: "boolean" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean" }
      }
    });
  } catch (e) {
    io2.stderr(`${TOOL_NAME}: ${e.message.split("\n")[0]}
${USAGE}
`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io2.stdout(`${USAGE}
`);
    return 0;
  }
  if (values.version) {
    io2.stdout(`${TOOL_VERSION}
`);
    return 0;
  }
  try {
    const [command, ...rest] = positionals;
    if (command !== "scan" && command !== "diff" && command !== "history") throw new UsageError(command ? `unknown command "${command}" (expected scan, diff or history)` : "missing command: scan, diff or history");
    const format = values.format;
    if (!["text", "json", "sarif"].includes(format)) throw new UsageError(`--format must be text, json or sarif, not "${format}"`);
    if (command === "scan" && values.repo && rest.length) throw new UsageError("scan takes either PATH or --repo PATH, not both");
    const root = resolve(io2.cwd, command === "scan" ? rest[0] ?? values.repo ?? "." : values.repo ?? ".");
    if (command !== "history" && values.since) throw new UsageError("--since is for the history command");
    if (!existsSync2(root)) throw new UsageError(`${root}: no such directory`);
    if (command === "scan" && rest.length > 1) throw new UsageError("scan takes one PATH");
    if (command !== "scan" && rest.length) throw new UsageError(`${command} takes no positional arguments; use --repo PATH`);
    if (command === "diff" && !values.base) throw new UsageError("diff needs --base REV");
    const config = readConfig(values.config, root, io2.cwd);
    if (values["include-tests"]) config.includeTests = true;
    if (command !== "scan") await initPython();
    const failOnText = values["fail-on"] ?? config.failOn ?? "high";
    if (failOnText !== "never" && !SEVERITIES.includes(failOnText)) throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(", ")}, never`);
    const failOn = failOnText;
    let result;
    let source2;
    if (command === "history") {
      const h3 = await historyScan(root, values.since, config);
      result = { mode: "scan", findings: h3.findings, notices: h3.notices, entries: [], redact: h3.redact };
      source2 = () => void 0;
    } else if (command === "scan") {
      if (values.rev || values.repo) {
        const { files, notices } = await gitRevisionFiles(root, values.rev ?? "HEAD", selectForScan);
        result = await scan(files, config);
        result.notices.unshift(...notices);
        source2 = (p2) => files.read(p2);
      } else {
        const { files, notices } = treeFiles(root, selectForScan);
        result = await scan(files, config);
        result.notices.unshift(...notices);
        source2 = (p2) => files.read(p2);
      }
    } else {
      const change = await gitChangeSet({ repo: root, base: values.base, head: values.head }, (base, head) => ({
        base: wantedPaths(analyzeSide(base)),
        head: wantedPaths(analyzeSide(head))
      }));
      result = await review(change, config);
      source2 = (p2, side) => (side === "base" ? change.base : change.head).read(p2);
    }
    const failed = failing(result.findings, failOn).length > 0;
    const summary = `${summaryLine(result.findings, result.mode)}${failOn === "never" ? "" : failed ? ` \u2014 fails at --fail-on ${failOn}` : ` \u2014 passes at --fail-on ${failOn}`}`;
    const color = values["no-color"] ? false : values.color ?? (io2.isTTY && !values.output && !process.env.NO_COLOR);
    const report = format === "json" ? formatJson(result.mode, result.findings, result.notices, summary, failed) : format === "sarif" ? JSON.stringify(toSarif(result.mode, result.findings, result.notices), null, 2) + "\n" : formatText(result.findings, result.notices, summary, { color, source: (p2, side) => {
      const t2 = source2(p2, side);
      return t2 === void 0 ? t2 : result.redact(t2);
    } });
    if (values.output) writeFileSync(resolve(io2.cwd, values.output), report);
    else io2.stdout(report);
    return failed ? 1 : 0;
  } catch (e) {
    if (e instanceof UsageError) io2.stderr(`${TOOL_NAME}: ${e.message}
`);
    else io2.stderr(`${TOOL_NAME}: error: ${e.message?.split("\n")[0] ?? String(e)}
`);
    return 2;
  }
}
function readConfig(explicit, root, cwd) {
  if (explicit) return loadConfig(resolve(cwd, explicit));
  const implicit = join5(root, DEFAULT_CONFIG_PATH);
  if (existsSync2(implicit)) return loadConfig(implicit);
  return defaultConfig();
}

// src/cli.ts
var code = await runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTTY: Boolean(process.stdout.isTTY),
  cwd: process.cwd()
});
process.exitCode = code;
