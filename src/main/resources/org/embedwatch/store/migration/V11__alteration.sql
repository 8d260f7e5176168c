-- Alteration findings (issue 6): a perceptual hash of every stored image, the content facets each capture is compared
-- on besides its text (links, edit ids, community notes), and per observation the digest of the photos the endpoint's
-- current capture holds, so a photo swapped under the same URL counts as a change of content.
-- Portable SQL (H2 and PostgreSQL).
-- dhash: 64-bit difference hash (9x8 grey levels, adjacent pixels compared), null when the bytes are no image.
alter table media add column dhash bigint;
-- facets: JSON {"links":[…],"edit_ids":[…],"notes":[…]}, null for captures stored before V11.
alter table post_capture add column facets varchar(20000);
-- pictures: SHA-256 hex over the SHA-256 of each photo of the endpoint's current capture, in order; null when the
-- observation served nothing or was stored before V11.
alter table observation add column pictures char(64);
