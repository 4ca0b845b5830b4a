import { Pool } from 'pg';
import mysql from 'mysql2/promise';
import Database from 'better-sqlite3';
import knex from 'knex';
import { PrismaClient } from '@prisma/client';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const server = new McpServer({ name: 'db', version: '1.0.0' });
const pool = new Pool();
const db = new Database('notes.db');
const prisma = new PrismaClient();
const orm = knex({ client: 'pg' });
const TABLE = 'users';
const SORTABLE = ['name', 'created_at'];
const queryCache = new Map<string, unknown>();
const api = { get: async (url: string) => url };
const reply = (text: string) => ({ content: [{ type: 'text' as const, text }] });

function findByEmail(email: string) {
  // ruleid: no-sql-injection
  return pool.query(`SELECT id, name FROM users WHERE email = '${email}'`);
}

async function runSql(sql: string) {
  const connection = await mysql.createConnection({ host: 'localhost' });
  // ruleid: no-sql-injection
  return connection.query(sql);
}

server.tool('find_user', { name: z.string(), id: z.number().int(), sort: z.string() }, async ({ name, id, sort }) => {
  // ruleid: no-sql-injection
  const byName = await pool.query(`SELECT * FROM users WHERE name = '${name}' AND id > ${id}`);
  // ruleid: no-sql-injection
  const typed = await pool.query<{ id: number }>(`SELECT id FROM users WHERE name = '${name}'`);
  // ok: no-sql-injection
  const byId = await pool.query(`SELECT * FROM ${TABLE} WHERE id = ${id}`);
  // ok: no-sql-injection
  const bound = await pool.query('SELECT * FROM users WHERE name = $1', [name]);
  // ruleid: no-sql-injection
  const sorted = await pool.query(`SELECT * FROM users ORDER BY ${sort}`);
  // ruleid: no-sql-injection
  const unsafe = await prisma.$queryRawUnsafe(`SELECT * FROM "User" WHERE name = '${name}'`);
  // ok: no-sql-injection
  const tagged = await prisma.$queryRaw`SELECT * FROM "User" WHERE name = ${name}`;
  // ruleid: no-sql-injection
  const asObject = await pool.query({ text: `SELECT * FROM users WHERE name = '${name}'`, rowMode: 'array' });
  // ok: no-sql-injection
  const asObjectBound = await pool.query({ text: 'SELECT * FROM users WHERE name = $1', values: [name] });
  // ruleid: no-sql-injection
  const fragment = await orm('users').whereRaw(`name = '${name}'`);
  if (!SORTABLE.includes(sort)) throw new Error('unknown sort column');
  // ok: no-sql-injection
  const allowed = await pool.query(`SELECT * FROM users ORDER BY ${sort}`);
  // ok: no-sql-injection
  queryCache.get(`SELECT * FROM users WHERE name = '${name}'`.length.toString());
  // ok: no-sql-injection
  const cached = queryCache.get(`user:${name}`);
  // ok: no-sql-injection
  const report = await api.get(`/reports/select?columns=name&from=${name}`);
  await findByEmail(name);
  await runSql(`DELETE FROM sessions WHERE user_name = '${name}'`);
  return reply(JSON.stringify([byName.rows, typed.rows, byId.rows, bound.rows, sorted.rows, unsafe, tagged, asObject.rows, asObjectBound.rows, fragment, allowed.rows, cached, report]));
});

server.registerTool(
  'search_notes',
  { description: 'Search notes by title', inputSchema: { term: z.string(), limit: z.number() } },
  async (args) => {
    let sql = 'SELECT id, title FROM notes';
    sql += " WHERE title LIKE '%" + args.term + "%'";
    // ruleid: no-sql-injection
    const rows = db.prepare(sql).all();
    // ruleid: no-sql-injection
    const row = db.prepare(`SELECT * FROM notes WHERE title = '${args.term}'`).get();
    // ok: no-sql-injection
    const limited = db.prepare(`SELECT * FROM notes LIMIT ${args.limit}`).all();
    // ok: no-sql-injection
    const byTitle = db.prepare('SELECT * FROM notes WHERE title = ?').get(args.term);
    // ok: no-sql-injection
    db.exec('CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, title TEXT)');
    // ok: no-sql-injection
    const matched = /^[a-z]+$/.exec(args.term);
    return reply(JSON.stringify({ rows, row, limited, byTitle, matched }));
  },
);

// ok: no-sql-injection
pool.query(`SELECT * FROM users WHERE name = '${process.argv[2]}'`);
