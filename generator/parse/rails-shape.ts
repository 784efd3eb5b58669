// Whether a block holds Rails' schema or migrations (`create_table "t" do |t|`, `create_table :t,
// id: :uuid do |t|`, `add_column :t, ...`), or ActiveRecord models (`class X < ApplicationRecord`
// with `validates`). Kept apart from read-rails.ts so that recognising such a block loads nothing.
const SCHEMA = /^\s*(?:create_table|change_table)\s*\(?\s*[:"'][\w.]+["']?[^\n]*\bdo\s*\|\s*\w+\s*\||^\s*add_(?:column|reference|index|foreign_key)\s+[:"']\w+/m;
const MODEL = /^\s*class\s+[\w:]+\s*<\s*(?:ApplicationRecord|ActiveRecord::Base)\b/m;

/** A ```ruby block with a schema, migration or model; an unfenced block only with create_table. */
export const holdsRailsSchema = (text: string, fencedAsRuby: boolean): boolean => SCHEMA.test(text) || (fencedAsRuby && MODEL.test(text));
