-- A post's identity within its platform. For most platforms it is the post id; a Mastodon status id is unique only on
-- its own server, so there the identity is the canonical URL (host, account and id). Portable SQL: H2 and PostgreSQL.
alter table post add column identity varchar(2000);
update post set identity = post_id;
alter table post alter column identity set not null;
alter table post drop constraint post_platform_id_uq;
alter table post add constraint post_identity_uq unique (platform, identity);
