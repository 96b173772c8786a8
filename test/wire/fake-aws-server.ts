/**
 * A loopback HTTP server (127.0.0.1 only) that stands in for AWS on the wire, so contract
 * tests run the SDK's own serializers, signers, retries and parsers: query/XML for IAM, STS,
 * SNS and CloudFormation, EC2's own query protocol, awsJson1_1 for Organizations, Config,
 * EventBridge, CloudTrail, CloudWatch Logs and CodeBuild, awsJson1_0 for CloudWatch, REST JSON
 * for Access Analyzer, Security Hub and Lambda, REST XML for S3. The SDK is pointed at it through AWS_ENDPOINT_URL with fake static
 * credentials, as an operator would point it at an emulator.
 *
 * This file is the protocol only: it decodes a request to (service, operation, params) and
 * encodes an answer the way the service's protocol does. What each operation answers lives
 * in the data-driven account (fake-account.ts).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Protocol = 'query' | 'ec2' | 'json' | 'rest-json' | 'rest-xml';

export interface WireRequest {
	/** The signing name from the credential scope: iam, sts, organizations, access-analyzer, config, events, sns, cloudtrail, s3, logs, monitoring... */
	service: string;
	/** "iam:GetRole", named as IAM actions are. */
	operation: string;
	protocol: Protocol;
	/** Query fields (flattened, as sent: "Filter.member.1") or the JSON body, plus path labels for REST. */
	params: Record<string, unknown>;
	method: string;
	path: string;
	/** S3 object requests: the headers that carry their parameters (x-amz-*, content-md5, content-type). */
	headers?: Record<string, string>;
	/** The access key ID that signed the request. */
	signer?: string;
}

/**
 * An answer: a result to encode, an AWS error, or raw bytes (an HTML page from a proxy).
 * S3's results are an HTTP answer of their own (`S3Result`): a status, headers, a body.
 */
export type WireAnswer =
	| { result: unknown }
	| { error: { code: string; message: string; status?: number } }
	| { raw: { status: number; type: string; body: string } };

/** No answer: the connection is reset, as when the network drops it (the SDK sees ECONNRESET and retries). */
export interface ConnectionReset {
	reset: true;
}

export interface S3Result {
	status?: number;
	headers?: Record<string, string>;
	body?: string;
}

export type Responder = (request: WireRequest) => WireAnswer | ConnectionReset;

/** Services on the query protocol and the XML namespace of their answers. */
const queryNamespaces: Record<string, string> = {
	iam: 'https://iam.amazonaws.com/doc/2010-05-08/',
	sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
	sns: 'http://sns.amazonaws.com/doc/2010-03-31/',
	cloudformation: 'http://cloudformation.amazonaws.com/doc/2010-05-15/',
};

/** EC2's query protocol: the same requests, answers without a Result wrapper, lists as <item>, errors in <Response><Errors>. */
const ec2Namespace = 'http://ec2.amazonaws.com/doc/2016-11-15/';

/** The REST routes of Access Analyzer and Security Hub (from the service models: method, path → operation). */
const restRoutes: { method: string; pattern: RegExp; operation: string; labels: string[] }[] = [
	['GET', '/analyzer', 'ListAnalyzers'],
	['PUT', '/analyzer', 'CreateAnalyzer'],
	['GET', '/analyzer/{analyzerName}', 'GetAnalyzer'],
	['DELETE', '/analyzer/{analyzerName}', 'DeleteAnalyzer'],
	['POST', '/finding', 'ListFindings'],
	['PUT', '/finding', 'UpdateFindings'],
	['POST', '/findingv2', 'ListFindingsV2'],
	['GET', '/findingv2/{id}', 'GetFindingV2'],
	['GET', '/policy/generation', 'ListPolicyGenerations'],
	['PUT', '/policy/generation', 'StartPolicyGeneration'],
	['GET', '/policy/generation/{jobId}', 'GetGeneratedPolicy'],
	['POST', '/policy/validation', 'ValidatePolicy'],
	// Security Hub's: is the account subscribed, subscribe, unsubscribe, standards on and off.
	['GET', '/accounts', 'DescribeHub'],
	['POST', '/accounts', 'EnableSecurityHub'],
	['DELETE', '/accounts', 'DisableSecurityHub'],
	['POST', '/standards/register', 'BatchEnableStandards'],
	['POST', '/standards/deregister', 'BatchDisableStandards'],
	// Lambda's.
	['GET', '/2015-03-31/functions/', 'ListFunctions'],
].map(([method, path, operation]) => ({
	method: method!,
	operation: operation!,
	labels: [...path!.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
	// The SDK sends Lambda's "/2015-03-31/functions/" without its final slash.
	pattern: new RegExp(`^${path!.replace(/\{\w+\}/g, '([^/?]+)').replace(/\/$/, '')}/?(?:\\?|$)`),
}));
// Security Hub's greedy label: a subscription ARN, its slashes kept in the path.
restRoutes.push(
	{ method: 'POST', operation: 'GetEnabledStandards', labels: [], pattern: /^\/standards\/get(?:\?|$)/ },
	{ method: 'GET', operation: 'DescribeStandardsControls', labels: ['StandardsSubscriptionArn'], pattern: /^\/standards\/controls\/(.+)$/ },
);

/** Signing names that differ from the IAM action prefix (CloudWatch signs as "monitoring"). */
const actionPrefix: Record<string, string> = { monitoring: 'cloudwatch' };

let requestCounter = 0;

function escapeXml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Keys whose values AWS sends URL-encoded (policy documents) in query answers. */
const documentKeys = new Set(['PolicyDocument', 'Document', 'AssumeRolePolicyDocument']);

/**
 * A JSON value as a query answer's XML: lists as <member> items, maps written as
 * `{ $map: {...} }` as <entry><key/><value/></entry>, policy documents URL-encoded.
 */
export function toQueryXml(value: unknown, key = ''): string {
	if (value === null || value === undefined) return '';
	if (Array.isArray(value)) return value.map((item) => `<member>${toQueryXml(item, key)}</member>`).join('');
	if (typeof value === 'object') {
		const record = value as Record<string, unknown>;
		if ('$map' in record) {
			return Object.entries(record.$map as Record<string, unknown>)
				.map(([k, v]) => `<entry><key>${escapeXml(k)}</key><value>${toQueryXml(v)}</value></entry>`)
				.join('');
		}
		if (documentKeys.has(key)) return escapeXml(encodeURIComponent(JSON.stringify(value)));
		return Object.entries(record)
			.filter(([, v]) => v !== undefined && v !== null)
			.map(([k, v]) => `<${k}>${toQueryXml(v, k)}</${k}>`)
			.join('');
	}
	if (documentKeys.has(key) && typeof value === 'string') return escapeXml(encodeURIComponent(value));
	return escapeXml(String(value));
}

/** A JSON value as an EC2 answer's XML: lists as <item> elements, names as given (EC2's are lowerCamel). */
export function toEc2Xml(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (Array.isArray(value)) return value.map((item) => `<item>${toEc2Xml(item)}</item>`).join('');
	if (typeof value === 'object') {
		return Object.entries(value as Record<string, unknown>)
			.filter(([, v]) => v !== undefined && v !== null)
			.map(([k, v]) => `<${k}>${toEc2Xml(v)}</${k}>`)
			.join('');
	}
	return escapeXml(String(value));
}

function serviceOf(request: IncomingMessage): string {
	const auth = String(request.headers.authorization ?? '');
	return /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(auth)?.[1] ?? 'unknown';
}

/** S3's object calls (session anchors): the key from the path, parameters from the query and headers. */
function decodeS3Object(method: string, url: URL, Bucket: string, Key: string, body: string, raw: IncomingMessage['headers']): WireRequest {
	const query = Object.fromEntries(url.searchParams);
	const operation = url.searchParams.has('object-lock') ? 'GetObjectLockConfiguration' : url.searchParams.has('versions') ? 'ListObjectVersions' : method === 'PUT' ? 'PutObject' : `${method === 'GET' ? 'GetObject' : method}`;
	const headers = Object.fromEntries(Object.entries(raw).filter(([name]) => /^(x-amz-|content-md5$|content-type$)/.test(name)).map(([name, value]) => [name, String(value)]));
	const params: Record<string, unknown> = { Bucket, ...(Key ? { Key } : {}), ...query, ...(operation === 'PutObject' ? { Body: body } : {}) };
	return { service: 's3', operation: `s3:${operation}`, protocol: 'rest-xml', params, method, path: url.pathname + url.search, headers };
}

/** S3 (path-style, as the SDK addresses an IP endpoint): the bucket from the path, the sub-resource from the query. */
function decodeS3(method: string, path: string, body: string, headers: IncomingMessage['headers'] = {}): WireRequest {
	const url = new URL(path, 'http://127.0.0.1');
	const [, bucketPart = '', ...keyParts] = url.pathname.split('/');
	const Bucket = decodeURIComponent(bucketPart);
	const Key = keyParts.map(decodeURIComponent).join('/');
	if (Key || url.searchParams.has('object-lock') || url.searchParams.has('versions')) return decodeS3Object(method, url, Bucket, Key, body, headers);
	const policy = url.searchParams.has('policy');
	const operation =
		method === 'HEAD' ? 'HeadBucket' : method === 'GET' && policy ? 'GetBucketPolicy' : method === 'PUT' ? (policy ? 'PutBucketPolicy' : 'CreateBucket') : method === 'DELETE' ? (policy ? 'DeleteBucketPolicy' : 'DeleteBucket') : `${method} ${url.pathname}`;
	const location = /<LocationConstraint>([^<]*)<\/LocationConstraint>/.exec(body)?.[1];
	const owner = headers['x-amz-expected-bucket-owner'];
	const params: Record<string, unknown> = {
		Bucket,
		...(policy && method === 'PUT' ? { Policy: body } : {}),
		...(location ? { LocationConstraint: location } : {}),
		...(typeof owner === 'string' ? { ExpectedBucketOwner: owner } : {}),
	};
	return { service: 's3', operation: `s3:${operation}`, protocol: 'rest-xml', params, method, path };
}

function decode(request: IncomingMessage, body: string): WireRequest {
	const service = serviceOf(request);
	const method = request.method ?? 'GET';
	const path = request.url ?? '/';
	if (service === 's3') return decodeS3(method, path, body, request.headers);
	const target = request.headers['x-amz-target'];
	if (typeof target === 'string') {
		const action = target.slice(target.lastIndexOf('.') + 1);
		return { service, operation: `${actionPrefix[service] ?? service}:${action}`, protocol: 'json', params: body ? (JSON.parse(body) as Record<string, unknown>) : {}, method, path };
	}
	if (service in queryNamespaces || service === 'ec2') {
		const form = new URLSearchParams(body);
		const params: Record<string, unknown> = Object.fromEntries(form);
		return { service, operation: `${service}:${String(params.Action)}`, protocol: service === 'ec2' ? 'ec2' : 'query', params, method, path };
	}
	const url = new URL(path, 'http://127.0.0.1');
	for (const route of restRoutes) {
		const match = route.method === method ? route.pattern.exec(url.pathname) : null;
		if (!match) continue;
		const params: Record<string, unknown> = { ...(body ? (JSON.parse(body) as Record<string, unknown>) : {}), ...Object.fromEntries(url.searchParams) };
		route.labels.forEach((label, i) => (params[label] = decodeURIComponent(match[i + 1]!)));
		return { service, operation: `${service}:${route.operation}`, protocol: 'rest-json', params, method, path };
	}
	return { service, operation: `${service}:${method} ${url.pathname}`, protocol: 'rest-json', params: {}, method, path };
}

interface Encoded {
	status: number;
	headers: Record<string, string>;
	body: string;
}

function statusOf(error: { code: string; status?: number }): number {
	return error.status ?? (/NotFound|NoSuch/.test(error.code) ? 404 : /AccessDenied|Authorization/.test(error.code) ? 403 : 400);
}

/** awsJson1_0 (CloudWatch) or awsJson1_1 (the others): the answer's type follows the request's. */
function jsonType(request: WireRequest): string {
	return request.service === 'monitoring' ? 'application/x-amz-json-1.0' : 'application/x-amz-json-1.1';
}

/** S3's REST XML: an <Error> document (no body for HEAD), or the result's own status, headers and body. */
function encodeS3(request: WireRequest, answer: WireAnswer, requestId: string): Encoded {
	const headers = { 'x-amz-request-id': requestId, 'x-amz-id-2': `host-${requestId}` };
	if ('raw' in answer) return { status: answer.raw.status, headers: { 'content-type': answer.raw.type }, body: answer.raw.body };
	if ('error' in answer) {
		const status = statusOf(answer.error);
		if (request.method === 'HEAD') return { status, headers, body: '' };
		const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(answer.error.code)}</Code><Message>${escapeXml(answer.error.message)}</Message><BucketName>${escapeXml(String(request.params.Bucket))}</BucketName><RequestId>${requestId}</RequestId><HostId>host-${requestId}</HostId></Error>`;
		return { status, headers: { ...headers, 'content-type': 'application/xml' }, body: xml };
	}
	const result = (answer.result ?? {}) as S3Result;
	return { status: result.status ?? 200, headers: { ...headers, ...result.headers }, body: result.body ?? '' };
}

function encode(request: WireRequest, answer: WireAnswer): Encoded {
	const requestId = `req-${++requestCounter}`;
	if ('raw' in answer) return { status: answer.raw.status, headers: { 'content-type': answer.raw.type }, body: answer.raw.body };
	const action = request.operation.slice(request.operation.indexOf(':') + 1);
	if (request.protocol === 'rest-xml') return encodeS3(request, answer, requestId);
	if ('error' in answer) {
		const { code, message } = answer.error;
		const status = statusOf(answer.error);
		if (request.protocol === 'ec2') {
			const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`;
			return { status, headers: { 'content-type': 'text/xml;charset=UTF-8' }, body: xml };
		}
		if (request.protocol === 'query') {
			const xml = `<ErrorResponse xmlns="${queryNamespaces[request.service]}"><Error><Type>${status >= 500 ? 'Receiver' : 'Sender'}</Type><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
			return { status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body: xml };
		}
		if (request.protocol === 'json') {
			return { status, headers: { 'content-type': jsonType(request), 'x-amzn-requestid': requestId }, body: JSON.stringify({ __type: code, message }) };
		}
		return { status, headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId, 'x-amzn-errortype': code }, body: JSON.stringify({ message }) };
	}
	if (request.protocol === 'ec2') {
		const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${ec2Namespace}"><requestId>${requestId}</requestId>${toEc2Xml(answer.result)}</${action}Response>`;
		return { status: 200, headers: { 'content-type': 'text/xml;charset=UTF-8' }, body: xml };
	}
	if (request.protocol === 'query') {
		const ns = queryNamespaces[request.service];
		const xml = `<${action}Response xmlns="${ns}"><${action}Result>${toQueryXml(answer.result)}</${action}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
		return { status: 200, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body: xml };
	}
	const type = request.protocol === 'json' ? jsonType(request) : 'application/json';
	return { status: 200, headers: { 'content-type': type, 'x-amzn-requestid': requestId }, body: JSON.stringify(answer.result ?? {}) };
}

export interface FakeAws {
	url: string;
	/** Every request so far, decoded, in order. */
	requests: WireRequest[];
	close(): Promise<void>;
}

/** Starts the server on 127.0.0.1 (an ephemeral port) answering with `respond`. */
export async function startFakeAws(respond: Responder): Promise<FakeAws> {
	const requests: WireRequest[] = [];
	const server: Server = createServer((req, res) => {
		let body = '';
		req.on('data', (chunk: Buffer) => (body += chunk.toString()));
		req.on('end', () => {
			let encoded: Encoded;
			try {
				const decoded = decode(req, body);
				const signer = /Credential=([^/]+)\//.exec(String(req.headers.authorization ?? ''))?.[1];
				if (signer) decoded.signer = signer;
				requests.push(decoded);
				const answer = respond(decoded);
				if ('reset' in answer) {
					req.socket.destroy();
					return;
				}
				encoded = encode(decoded, answer);
			} catch (error) {
				encoded = { status: 500, headers: { 'content-type': 'text/plain' }, body: `fake AWS failed: ${(error as Error).stack}` };
			}
			res.writeHead(encoded.status, encoded.headers);
			res.end(encoded.body);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
