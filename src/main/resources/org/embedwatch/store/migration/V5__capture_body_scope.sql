-- Which bytes a post capture's body is: the whole response payload of its WARC record ('payload'), or one post's
-- part of a response about several posts ('json-pointer /data/3': that subtree of the payload, re-serialized
-- compactly). Existing captures were all whole payloads.
alter table post_capture add column body_scope varchar(200) default 'payload' not null;
