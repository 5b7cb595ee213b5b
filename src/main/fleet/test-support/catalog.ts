// A text dump of what a database's catalogs say about the public schema: tables and their row-security flags,
// columns, constraints, indexes, policies, functions, rights, and the roles outside the built-in ones. Two
// dumps compare equal when nothing about the schema or its roles changed (a migration or setup run again).
import pg from 'pg';

const QUERIES = {
  tables: `
    SELECT c.relname, c.relkind, c.relrowsecurity, c.relforcerowsecurity, pg_get_userbyid(c.relowner) AS owner,
      coalesce(c.relacl::text, '') AS acl
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' ORDER BY c.relname, c.relkind`,
  columns: `
    SELECT c.relname, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull,
      coalesce(co.collname, '') AS collation, coalesce(pg_get_expr(d.adbin, d.adrelid), '') AS default_value
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> 0
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY c.relname, a.attnum`,
  constraints: `
    SELECT c.relname, k.conname, pg_get_constraintdef(k.oid) AS definition
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' ORDER BY c.relname, k.conname`,
  indexes: `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'
    ORDER BY tablename, indexname`,
  policies: `SELECT tablename, policyname, permissive, roles::text, cmd, coalesce(qual, '') AS qual,
      coalesce(with_check, '') AS with_check
    FROM pg_policies WHERE schemaname = 'public' ORDER BY tablename, policyname`,
  functions: `
    SELECT p.proname, pg_get_functiondef(p.oid) AS definition, coalesce(p.proacl::text, '') AS acl
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'public' ORDER BY p.proname`,
  schema: `SELECT nspname, pg_get_userbyid(nspowner) AS owner, coalesce(nspacl::text, '') AS acl
    FROM pg_namespace WHERE nspname = 'public'`,
  roles: `
    SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication,
      rolbypassrls, coalesce(rolpassword, '') AS password_verifier
    FROM pg_authid WHERE rolname NOT LIKE 'pg\\_%' ORDER BY rolname`,
} as const;

export type CatalogSnapshot = Record<keyof typeof QUERIES, unknown[]>;

/** Reads the snapshot as `url`'s user, which must be a superuser (pg_authid). */
export async function catalogSnapshot(url: string): Promise<CatalogSnapshot> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const snapshot = {} as CatalogSnapshot;
    for (const [name, query] of Object.entries(QUERIES)) {
      snapshot[name as keyof typeof QUERIES] = (await client.query(query)).rows;
    }
    return snapshot;
  } finally {
    await client.end();
  }
}
