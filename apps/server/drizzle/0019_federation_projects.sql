CREATE TABLE "federation_withheld" (
	"object_type" text NOT NULL,
	"object_id" text NOT NULL,
	"exporter" text NOT NULL,
	"direction" text NOT NULL,
	"verdict" text NOT NULL,
	"stub" jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"seq" bigint,
	CONSTRAINT "federation_withheld_object_type_object_id_pk" PRIMARY KEY("object_type","object_id")
);
