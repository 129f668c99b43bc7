// A form made from a template's JSON Schema (templates/NAME/schema.json): objects become
// groups, lists can have items added, removed and moved, and every field carries the JSON
// path of its value (data-path, written as vanban writes paths: header.number,
// sections[0].children[2].text, x["a-b"]) so that a problem can be shown next to it.
"use strict";

var Form = (function () {
  var NAME = /^[\p{L}_][\p{L}\p{N}_]*$/u;

  function childPath(path, key) {
    if (typeof key === "number") return path + "[" + key + "]";
    if (NAME.test(key)) return path ? path + "." + key : key;
    return path + "[" + JSON.stringify(key) + "]";
  }

  // "a.b[2]" -> "a.b"; "a" -> ""; "" -> null.
  function parentPath(path) {
    if (!path) return null;
    var m = path.match(/^(.*?)(\.[^.\[\]]+|\[\d+\]|\["(?:[^"\\]|\\.)*"\])$/);
    return m ? m[1] : "";
  }

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === "text") node.textContent = attributes[name];
      else if (name.slice(0, 2) === "on") node.addEventListener(name.slice(2), attributes[name]);
      else node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function Builder(root, schema, data, onChange, say) {
    this.root = root;
    this.schema = schema;
    this.data = data;
    this.onChange = onChange;
    this.say = say;
  }

  // A schema with its $ref followed; the referring schema's title and description win.
  Builder.prototype.resolve = function (schema) {
    var seen = 0;
    var result = schema || {};
    while (result.$ref && seen++ < 32) {
      var target = this.schema;
      result.$ref.replace(/^#\//, "").split("/").forEach(function (part) {
        target = target && target[part.replace(/~1/g, "/").replace(/~0/g, "~")];
      });
      var merged = Object.assign({}, target || {});
      if (result.title) merged.title = result.title;
      if (result.description) merged.description = result.description;
      result = merged;
    }
    return result;
  };

  Builder.prototype.kind = function (schema) {
    if (schema.enum) return "enum";
    var type = Array.isArray(schema.type) ? null : schema.type;
    if (type === "object" || (!type && schema.properties)) {
      return schema.properties && !(schema.additionalProperties && typeof schema.additionalProperties === "object") ? "object" : "json";
    }
    if (type === "array") return "array";
    if (type === "string" || type === "number" || type === "integer" || type === "boolean") return type;
    return "json";
  };

  Builder.prototype.initial = function (schema) {
    schema = this.resolve(schema);
    switch (this.kind(schema)) {
      case "object":
        var value = {};
        (schema.required || []).forEach(function (key) { value[key] = this.initial(schema.properties[key]); }, this);
        return value;
      case "array": return schema.minItems ? [this.initial(schema.items)] : [];
      case "number": case "integer": return 0;
      case "boolean": return false;
      case "enum": return schema.enum[0];
      default: return "";
    }
  };

  Builder.prototype.build = function () {
    this.root.textContent = "";
    this.root.appendChild(this.objectFields(this.resolve(this.schema), this.data, ""));
  };

  // The label and help of a field; `key` when the schema has no title.
  Builder.prototype.caption = function (schema, key, required) {
    var label = el("label", {text: schema.title || key});
    if (!required) label.appendChild(el("span", {"class": "optional", text: " " + this.say("optional")}));
    return label;
  };

  Builder.prototype.objectFields = function (schema, object, path) {
    var box = el("div", {"class": "fields"});
    var required = schema.required || [];
    var more = el("details", {"class": "more"}, [el("summary", {text: "…"})]);
    Object.keys(schema.properties).forEach(function (key) {
      if (key === "$comment") return;
      var field = this.resolve(schema.properties[key]);
      var isRequired = required.indexOf(key) >= 0;
      var present = Object.prototype.hasOwnProperty.call(object, key);
      var node = this.field(field, object, key, childPath(path, key), isRequired);
      (isRequired || present ? box : more).appendChild(node);
    }, this);
    if (more.children.length > 1) {
      more.firstChild.textContent = this.say("moreFields", {count: more.children.length - 1});
      box.appendChild(more);
    }
    return box;
  };

  // One property of an object: its editor, made so that a change sets object[key].
  Builder.prototype.field = function (schema, object, key, path, required) {
    var self = this;
    var kind = this.kind(schema);
    var set = function (value, keep) {
      if (value === undefined || (!required && !keep && (value === "" || value === false))) delete object[key];
      else object[key] = value;
      self.onChange();
    };
    if (kind === "object" || kind === "array") {
      var group = el("fieldset", {"data-path": path}, [el("legend", {text: schema.title || key})]);
      if (schema.description) group.appendChild(el("span", {"class": "help", text: schema.description}));
      var body = el("div");
      group.appendChild(body);
      var fill = function () {
        body.textContent = "";
        if (!Object.prototype.hasOwnProperty.call(object, key)) {
          body.appendChild(el("button", {type: "button", "class": "add", text: self.say("add"), onclick: function () {
            object[key] = self.initial(schema);
            if (kind === "array" && object[key].length === 0) object[key].push(self.initial(schema.items));
            fill();
            self.onChange();
          }}));
          return;
        }
        body.appendChild(kind === "object" ? self.objectFields(schema, object[key], path) : self.list(schema, object[key], path));
        if (!required) body.appendChild(el("button", {type: "button", "class": "add", text: self.say("remove"), onclick: function () {
          delete object[key];
          fill();
          self.onChange();
        }}));
      };
      fill();
      return group;
    }
    return this.scalar(schema, object[key], path, key, required, set);
  };

  // A list: each item with buttons to move it up or down and remove it; "+ Add" at the end.
  Builder.prototype.list = function (schema, array, path) {
    var self = this;
    var itemSchema = this.resolve(schema.items || {});
    var box = el("div", {"class": "list"});
    var redraw = function () {
      var fresh = self.list(schema, array, path);
      box.replaceWith(fresh);
      self.onChange();
    };
    array.forEach(function (value, index) {
      var itemPath = childPath(path, index);
      var tools = el("div", {"class": "item-tools"}, [
        el("button", {type: "button", title: self.say("up"), text: "↑", onclick: function () {
          array.splice(index - 1, 0, array.splice(index, 1)[0]);
          redraw();
        }}),
        el("button", {type: "button", title: self.say("down"), text: "↓", onclick: function () {
          if (index + 1 < array.length) { array.splice(index + 1, 0, array.splice(index, 1)[0]); redraw(); }
        }}),
        el("button", {type: "button", title: self.say("remove"), text: "✕", onclick: function () {
          array.splice(index, 1);
          redraw();
        }})
      ]);
      if (index === 0) tools.firstChild.disabled = true;
      var kind = self.kind(itemSchema);
      var editor;
      if (kind === "object") editor = el("div", {"data-path": itemPath}, [self.objectFields(itemSchema, value, itemPath)]);
      else if (kind === "array") editor = el("div", {"data-path": itemPath}, [self.list(itemSchema, value, itemPath)]);
      else editor = self.scalar(itemSchema, value, itemPath, "", true, function (v) { array[index] = v; self.onChange(); }, true);
      box.appendChild(el("div", {"class": "item"}, [tools, editor]));
    });
    box.appendChild(el("button", {type: "button", "class": "add", text: self.say("add"), onclick: function () {
      array.push(self.initial(itemSchema));
      redraw();
    }}));
    return box;
  };

  // A text, number, yes/no, choice, or (for what the form cannot show) JSON.
  Builder.prototype.scalar = function (schema, value, path, key, required, set, bare) {
    var kind = this.kind(schema);
    var input;
    var self = this;
    if (kind === "enum") {
      input = el("select");
      if (!required) input.appendChild(el("option", {value: "", text: ""}));
      schema.enum.forEach(function (choice) { input.appendChild(el("option", {value: JSON.stringify(choice), text: String(choice)})); });
      input.value = value === undefined ? "" : JSON.stringify(value);
      input.addEventListener("change", function () { set(input.value === "" ? undefined : JSON.parse(input.value)); });
    } else if (kind === "boolean") {
      input = el("input", {type: "checkbox"});
      input.checked = value === true;
      input.addEventListener("change", function () { set(input.checked, false); });
    } else if (kind === "number" || kind === "integer") {
      input = el("input", {type: "number", step: kind === "integer" ? "1" : "any"});
      input.value = value === undefined ? "" : String(value);
      input.addEventListener("input", function () { set(input.value === "" ? undefined : Number(input.value)); });
    } else if (kind === "string" && schema.format === "date") {
      input = el("input", {type: "date"});
      input.value = value || "";
      input.addEventListener("input", function () { set(input.value); });
    } else if (kind === "string") {
      input = el("textarea", {rows: "1"});
      input.value = value === undefined ? "" : value;
      var grow = function () { input.style.height = "auto"; input.style.height = input.scrollHeight + 2 + "px"; };
      input.addEventListener("input", function () { grow(); set(input.value); });
      requestAnimationFrame(grow);
    } else {
      input = el("textarea", {rows: "4", "class": "json"});
      input.value = value === undefined ? "" : JSON.stringify(value, null, 1);
      input.addEventListener("input", function () {
        var note = input.parentNode.querySelector(".problem.local");
        if (note) note.remove();
        if (input.value.trim() === "") return set(undefined);
        try { set(JSON.parse(input.value)); }
        catch (e) { input.after(el("div", {"class": "problem local", text: self.say("jsonInvalid", {reason: e.message})})); }
      });
    }
    var field = el("div", {"class": "field", "data-path": path});
    if (!bare) field.appendChild(this.caption(schema, key, required));
    if (schema.description && !bare) field.appendChild(el("span", {"class": "help", text: schema.description}));
    if (kind === "json") field.appendChild(el("span", {"class": "help", text: this.say("jsonEditorHelp")}));
    input.setAttribute("aria-label", schema.title || key || path);
    input.setAttribute("name", path);
    field.appendChild(input);
    return field;
  };

  // Shows each problem next to the field of its JSON path (or of the nearest field holding
  // it); returns the problems that found no field.
  function showProblems(root, problems) {
    clearProblems(root);
    var orphans = [];
    problems.forEach(function (problem) {
      var path = problem.json_path || "";
      var target = null;
      for (var p = path; p !== null && !target; p = parentPath(p)) {
        target = root.querySelector('[data-path="' + CSS.escape(p) + '"]');
      }
      if (!target) { orphans.push(problem); return; }
      target.classList.add("invalid");
      for (var open = target.closest("details"); open; open = open.parentNode.closest("details")) open.open = true;
      var note = el("div", {"class": "problem", text: problem.message});
      if (target.tagName === "FIELDSET") target.insertBefore(note, target.children[1] || null);
      else target.appendChild(note);
    });
    return orphans;
  }

  function clearProblems(root) {
    root.querySelectorAll(".problem:not(.local)").forEach(function (node) { node.remove(); });
    root.querySelectorAll(".invalid").forEach(function (node) { node.classList.remove("invalid"); });
  }

  return {Builder: Builder, showProblems: showProblems, clearProblems: clearProblems, childPath: childPath, parentPath: parentPath};
})();
