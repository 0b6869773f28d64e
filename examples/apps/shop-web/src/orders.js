// Order history and admin tools of the storefront. Each handler that the code scanner should report has a
// safe twin right after it, written the way the fix would look.
const express = require('express');
const vm = require('node:vm');
const { exec, execFile } = require('node:child_process');
const db = require('./db'); // a mysql2 pool

const router = express.Router();
const ORDERS_TABLE = 'orders';

// VULNERABLE (secloop.sql-injection): the status filter is pasted into the SQL text.
router.get('/orders', async (req, res) => {
  let sql = `SELECT id, total, status FROM ${ORDERS_TABLE} WHERE customer_id = ?`;
  if (req.query.status) {
    sql += " AND status = '" + req.query.status + "'";
  }
  const [rows] = await db.query(sql, [req.user.id]);
  res.json(rows);
});

// SAFE: the same filter as a placeholder.
router.get('/orders/v2', async (req, res) => {
  let sql = `SELECT id, total, status FROM ${ORDERS_TABLE} WHERE customer_id = ?`;
  const params = [req.user.id];
  if (req.query.status) {
    sql += ' AND status = ?';
    params.push(req.query.status);
  }
  const [rows] = await db.query(sql, params);
  res.json(rows);
});

// VULNERABLE (secloop.code-injection): a "discount formula" from the request is evaluated.
router.post('/admin/discounts/preview', (req, res) => {
  const total = vm.runInNewContext(req.body.formula, { subtotal: req.body.subtotal });
  res.json({ total });
});

// SAFE: the formula is one of a fixed set of named rules.
const DISCOUNTS = { none: (s) => s, tenPercent: (s) => s * 0.9, fiveOff: (s) => Math.max(0, s - 5) };
router.post('/admin/discounts/preview/v2', (req, res) => {
  const rule = DISCOUNTS[req.body.rule] ?? DISCOUNTS.none;
  res.json({ total: rule(Number(req.body.subtotal)) });
});

// VULNERABLE (secloop.command-injection): the invoice number reaches a shell.
router.get('/orders/:id/invoice.pdf', (req, res) => {
  exec(`wkhtmltopdf https://shop.internal/invoices/${req.params.id} /tmp/invoice.pdf`, (err) => {
    if (err) return res.status(500).end();
    res.sendFile('/tmp/invoice.pdf');
  });
});

// SAFE: the program is run directly with an argument list.
router.get('/orders/:id/invoice-v2.pdf', (req, res) => {
  const id = Number.parseInt(req.params.id, 10);
  execFile('wkhtmltopdf', [`https://shop.internal/invoices/${id}`, '/tmp/invoice.pdf'], (err) => {
    if (err) return res.status(500).end();
    res.sendFile('/tmp/invoice.pdf');
  });
});

module.exports = router;
