-- A media outcome may name the limit it hit: "too-large (limit 536870912 bytes)" is longer than 32 characters.
alter table post_capture_media alter column outcome set data type varchar(100);
