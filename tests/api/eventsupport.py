"""
Helpers for the event transport tests (test_queue.py, test_sqs.py): domain events and SNS
notifications, `deliusd publish`, the test consumer's table, and a local SNS/SQS server
(fauxqs@1.9.2 from npm, installed by scripts/fauxqs-install) driven over its HTTP APIs.

The test consumer (DELIUSD_TEST_CONSUMER=true) handles event type "deliusd.test" on the
logical queue "test" and records each message once in DELIUSD_TEST_EVENT (see
src/messaging/test_consumer.c).
"""
import json
import os
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request
import uuid

from conftest import BIN, ROOT, free_port

TEST_ENV = {"DELIUSD_TEST_CONSUMER": "true", "DELIUSD_QUEUE_POLL_MS": "20", "DELIUSD_QUEUE_RETRY_DELAY_MS": "10"}


def domain_event(event_type="deliusd.test", crn="X000001", **info):
    return {"eventType": event_type, "version": 1, "occurredAt": "2026-01-02T03:04:05Z",
            "detailUrl": "http://127.0.0.1:1/detail", "description": "test",
            "additionalInformation": info,
            "personReference": {"identifiers": [{"type": "NOMS", "value": "A1234BC"}, {"type": "CRN", "value": crn}]}}


def notification(event, message_id=None):
    return {"Type": "Notification", "MessageId": message_id or str(uuid.uuid4()),
            "TopicArn": "arn:aws:sns:eu-west-2:000000000000:hmpps-domain", "Message": json.dumps(event),
            "Timestamp": "2026-01-02T03:04:05.000Z",
            "MessageAttributes": {"eventType": {"Type": "String", "Value": event["eventType"]}}}


def publish(db_url, docs, env=None, queue=None, check=True):
    """deliusd publish of the documents (dicts or raw strings), one per line."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        for d in docs:
            f.write((d if isinstance(d, str) else json.dumps(d)) + "\n")
        path = f.name
    try:
        e = dict(os.environ)
        e.update(TEST_ENV)
        e.update(env or {})
        e["DELIUSD_DATABASE"] = db_url
        args = [BIN, "publish"] + (["--queue", queue] if queue else []) + [path]
        p = subprocess.run(args, env=e, capture_output=True, text=True, timeout=120)
        if check:
            assert p.returncode == 0, p.stderr
        return p
    finally:
        os.unlink(path)


def deliusd_cmd(db_url, args, env=None):
    e = dict(os.environ)
    e.update(TEST_ENV)
    e.update(env or {})
    e["DELIUSD_DATABASE"] = db_url
    return subprocess.run([BIN] + args, env=e, capture_output=True, text=True, timeout=120)


def safe_query(db, sql, params=()):
    """Rows, or [] while the test consumer has not created its table yet."""
    try:
        return db.query(sql, params)
    except Exception:
        db.conn().rollback()
        return []


def applied(db):
    """{message id: (crn, receive count, deliveries)} of DELIUSD_TEST_EVENT."""
    return {r[0]: (r[1], r[2], r[3]) for r in
            safe_query(db, "SELECT MESSAGE_ID, CRN, RECEIVE_COUNT, DELIVERIES FROM DELIUSD_TEST_EVENT")}


def applied_count(db):
    rows = safe_query(db, "SELECT COUNT(*) FROM DELIUSD_TEST_EVENT")
    return rows[0][0] if rows else 0


def wait_for(fn, timeout=30, interval=0.05, what="condition"):
    deadline = time.time() + timeout
    while True:
        v = fn()
        if v:
            return v
        if time.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(interval)


def metric(text, name, **labels):
    """Value of one Prometheus sample, or None."""
    want = ",".join(f'{k}="{v}"' for k, v in labels.items())
    for line in text.splitlines():
        if line.startswith(name + "{" + want + "}") or (not labels and line.startswith(name + " ")):
            return float(line.rsplit(" ", 1)[1])
    return None


# ------------------------------------------------------------ local SNS/SQS

class Fauxqs:
    """fauxqs on a free loopback port: SQS over the JSON protocol, SNS over the query protocol."""

    def __init__(self, tmpdir):
        cli = subprocess.run([os.path.join(ROOT, "scripts", "fauxqs-install")], capture_output=True, text=True,
                             timeout=600)
        assert cli.returncode == 0, "cannot install fauxqs: " + cli.stderr
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(os.path.join(tmpdir, f"fauxqs-{self.port}.log"), "ab")
        env = dict(os.environ, FAUXQS_PORT=str(self.port), FAUXQS_HOST="localhost", FAUXQS_LOGGER="false",
                   FAUXQS_DEFAULT_REGION="eu-west-2")
        self.proc = subprocess.Popen(["node", cli.stdout.strip()], env=env, stdout=self.log, stderr=self.log)
        deadline = time.time() + 30
        while True:
            try:
                self.sqs("ListQueues", {})
                break
            except OSError:
                if self.proc.poll() is not None or time.time() > deadline:
                    raise AssertionError("fauxqs did not start")
                time.sleep(0.1)

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()

    def env(self, **queues):
        """deliusd environment pointing logical queues at SQS queues (name or URL)."""
        e = {"DELIUSD_SQS_ENDPOINT": self.url, "AWS_REGION": "eu-west-2", "AWS_ACCESS_KEY_ID": "test",
             "AWS_SECRET_ACCESS_KEY": "test", "DELIUSD_SQS_WAIT_S": "1"}
        for k, v in queues.items():
            e["DELIUSD_QUEUE_" + k.upper()] = v
        return e

    def sqs(self, action, body):
        req = urllib.request.Request(self.url + "/", data=json.dumps(body).encode(), method="POST", headers={
            "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "AmazonSQS." + action})
        with urllib.request.urlopen(req, timeout=30) as r:
            text = r.read().decode()
            return json.loads(text) if text else {}

    def sns(self, params):
        data = urllib.parse.urlencode(params).encode()
        req = urllib.request.Request(self.url + "/", data=data, method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.read().decode()

    def create_queue(self, name, **attrs):
        return self.sqs("CreateQueue", {"QueueName": name, "Attributes": {k: str(v) for k, v in attrs.items()}})["QueueUrl"]

    def queue_arn(self, url):
        return self.sqs("GetQueueAttributes", {"QueueUrl": url, "AttributeNames": ["QueueArn"]})["Attributes"]["QueueArn"]

    def queue_depth(self, url):
        a = self.sqs("GetQueueAttributes", {"QueueUrl": url, "AttributeNames": [
            "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]})["Attributes"]
        return int(a["ApproximateNumberOfMessages"]) + int(a["ApproximateNumberOfMessagesNotVisible"])

    def receive_all(self, url, wait=1):
        out = []
        while True:
            r = self.sqs("ReceiveMessage", {"QueueUrl": url, "MaxNumberOfMessages": 10, "WaitTimeSeconds": wait,
                                            "AttributeNames": ["All"]})
            msgs = r.get("Messages") or []
            if not msgs:
                return out
            out += msgs
            wait = 0

    def topic(self, name):
        text = self.sns({"Action": "CreateTopic", "Name": name})
        return text.split("<TopicArn>")[1].split("</TopicArn>")[0]

    def subscribe(self, topic_arn, queue_url):
        self.sns({"Action": "Subscribe", "TopicArn": topic_arn, "Protocol": "sqs", "Endpoint": self.queue_arn(queue_url)})

    def publish(self, topic_arn, event):
        """SNS Publish as the producers do: body = the domain event, eventType as a message attribute."""
        text = self.sns({"Action": "Publish", "TopicArn": topic_arn, "Message": json.dumps(event),
                         "MessageAttributes.entry.1.Name": "eventType",
                         "MessageAttributes.entry.1.Value.DataType": "String",
                         "MessageAttributes.entry.1.Value.StringValue": event["eventType"]})
        return text.split("<MessageId>")[1].split("</MessageId>")[0]

    def publish_batch(self, topic_arn, events):
        """PublishBatch (10 per call); returns the SNS message ids."""
        ids = []
        for i in range(0, len(events), 10):
            params = {"Action": "PublishBatch", "TopicArn": topic_arn}
            for k, ev in enumerate(events[i:i + 10], start=1):
                p = f"PublishBatchRequestEntries.member.{k}."
                params[p + "Id"] = f"e{k}"
                params[p + "Message"] = json.dumps(ev)
                params[p + "MessageAttributes.entry.1.Name"] = "eventType"
                params[p + "MessageAttributes.entry.1.Value.DataType"] = "String"
                params[p + "MessageAttributes.entry.1.Value.StringValue"] = ev["eventType"]
            text = self.sns(params)
            ids += [part.split("</MessageId>")[0] for part in text.split("<MessageId>")[1:]]
        return ids
