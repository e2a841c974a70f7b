/**
 * doPost(e) as Apps Script builds it (Web Apps guide, "Request parameters"; the
 * form-encoded JSON quirk as published by tanaikech, gist a72aab0242012362c46ec69031c720d5).
 */
import { jsonPostEvent, webAppPostEvent } from './web-app-request';

test('a JSON body: postData holds it raw with its type and byte length; only the query makes parameters', () => {
  const body = JSON.stringify({ name: 'Rina', phone: '+62 812' });
  const e = jsonPostEvent(body, { intake: 's', n: '1' });
  expect(e.postData).toEqual({
    contents: body,
    type: 'application/json',
    length: Buffer.byteLength(body),
    name: 'postData',
  });
  expect(e.contentLength).toBe(e.postData.length);
  expect(e.parameter).toEqual({ intake: 's', n: '1' });
  expect(e.parameters).toEqual({ intake: ['s'], n: ['1'] });
  expect(e.queryString).toBe('intake=s&n=1');
  expect(e.contextPath).toBe('');
  expect('pathInfo' in e).toBe(false);
});

test('contentLength counts bytes, not characters', () => {
  const e = jsonPostEvent({ name: 'Añá 😀' });
  expect(e.contentLength).toBe(Buffer.byteLength('{"name":"Añá 😀"}'));
  expect(e.contentLength).toBeGreaterThan(e.postData.contents.length);
});

test('no query string: queryString is null and the parameters come from a form body only', () => {
  const e = webAppPostEvent({ body: 'a=1&a=2&b=x+y' });
  expect(e.queryString).toBeNull();
  expect(e.parameter).toEqual({ a: '1', b: 'x y' });
  expect(e.parameters).toEqual({ a: ['1', '2'], b: ['x y'] });
});

test('curl -d with a JSON body and no Content-Type: the JSON text becomes a parameter name with an empty value; contents stay intact', () => {
  const body = '{"name":"Rina","phone":"+62 812"}';
  const e = webAppPostEvent({ body, query: { intake: 's' } });
  expect(e.postData.type).toBe('application/x-www-form-urlencoded');
  expect(e.postData.contents).toBe(body);
  // '+' in a form body reads as a space, so the name is not the JSON text exactly.
  expect(e.parameters).toEqual({ intake: ['s'], '{"name":"Rina","phone":" 62 812"}': [''] });
});

test('a field named in both the query and a form body: parameters lists the query’s first; parameter keeps the query’s', () => {
  const e = webAppPostEvent({ body: 'k=body', query: { k: 'query' } });
  expect(e.parameters.k).toEqual(['query', 'body']);
  expect(e.parameter.k).toBe('query');
});

test('a path after /exec is pathInfo', () => {
  expect(webAppPostEvent({ body: '', pathInfo: 'leads' }).pathInfo).toBe('leads');
});
