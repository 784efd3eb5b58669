// Whether a block holds a Laravel migration: `Schema::create('t', function (Blueprint $table) {`
// (or Schema::table). Kept apart from read-laravel.ts so that recognising such a block never
// loads the PHP grammar.
const MIGRATION = /\bSchema\s*::\s*(?:create|table)\s*\(\s*['"][\w.]+['"]\s*,\s*(?:static\s+)?(?:function|fn)\s*\(/;

export const holdsLaravelMigration = (text: string): boolean => MIGRATION.test(text);
